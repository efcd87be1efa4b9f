variable "environment" {
  description = "Web tier environment to read: dev, stage or prod"
  type        = string
  default     = "prod"

  validation {
    condition     = contains(["dev", "stage", "prod"], var.environment)
    error_message = "environment must be dev, stage or prod."
  }
}

variable "state_backend" {
  description = "Where the environment keeps its state: \"local\" (the file npm run deploy writes with the default backend) or \"s3\" (WEBTIER_BACKEND=s3)"
  type        = string
  default     = "local"

  validation {
    condition     = contains(["local", "s3"], var.state_backend)
    error_message = "state_backend must be local or s3."
  }
}

variable "state_path" {
  description = "Local backend: the environment's state file. Default: terraform.<environment>.tfstate at the web tier project's root, two folders up"
  type        = string
  default     = null
}

variable "state_bucket" {
  description = "S3 backend: the bucket holding the environment's state (WEBTIER_STATE_BUCKET when it was deployed)"
  type        = string
  default     = null
}

variable "state_s3_options" {
  description = "S3 backend: further settings of the terraform_remote_state s3 config, merged over bucket, key and region (e.g. endpoints and use_path_style for an S3 emulator)"
  type        = any
  default     = {}
}

variable "region" {
  description = "Region of the state bucket and of the web tier"
  type        = string
  default     = "us-east-1"
}

variable "database_port" {
  description = "Port the reporting database listens on, opened to the web tier's instances"
  type        = number
  default     = 5432
}

variable "offline" {
  description = "Plan without reaching AWS: placeholder credentials, no credential or account lookup. For trying the example; never apply with it"
  type        = bool
  default     = false
}
