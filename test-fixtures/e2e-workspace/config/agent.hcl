# A Vault Agent configuration: HCL, but not a policy.
vault {
  address = "https://vault.internal:8200"
}
