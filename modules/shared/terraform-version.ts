/**
 * The oldest Terraform every stack and published module accepts: 1.11, where the S3 backend's
 * native locking (`use_lockfile`, experimental in 1.10) is generally available. OpenTofu compares
 * `required_version` with its own version number: OpenTofu 1.11 or later satisfies it (its S3
 * backend has had `use_lockfile` since 1.10).
 */
export const MIN_TERRAFORM_VERSION = '>= 1.11.0';
