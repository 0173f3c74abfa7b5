# CI publishes build metadata under its own prefix.
path "secret/data/ci/builds/+" {
  capabilities = ["create", "update"]
}
