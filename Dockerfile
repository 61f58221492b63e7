# The silkmap server alone, on nothing: its binary carries the map (the web
# bundle and the default content) and needs no libc, shell or certificates.
# Build the binary first (make build makes it static, with the bundle inside):
#
#   make build                      (or unpack a linux release archive into build/)
#   docker build -t silkmap .
#   docker run -p 8080:8080 silkmap
#
# No image is pulled (FROM scratch), so this builds offline. See
# docs/hosting.md for an editor's folder on /content and a variant that
# builds the binary in the image.
FROM scratch
COPY build/silkmap /silkmap
USER 65532:65532
EXPOSE 8080
VOLUME /content
HEALTHCHECK --interval=30s --timeout=6s --start-period=10s CMD ["/silkmap", "health"]
ENTRYPOINT ["/silkmap"]
CMD ["serve", "--addr", "0.0.0.0:8080"]
