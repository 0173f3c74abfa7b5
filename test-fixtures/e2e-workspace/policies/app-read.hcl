# Least privilege: the app reads its own configuration, nothing else.
path "secret/data/app/config" {
  capabilities = ["read"]
}
