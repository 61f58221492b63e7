module github.com/silkmap/silkmap

go 1.26.8

require (
	github.com/paulmach/orb v0.14.0
	github.com/tidwall/gjson v1.20.2
)

require (
	github.com/tidwall/match v1.1.1 // indirect
	github.com/tidwall/pretty v1.3.0 // indirect
)
