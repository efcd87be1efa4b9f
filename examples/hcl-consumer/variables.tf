variable "state_bucket" {
  description = "S3 bucket holding the web tier's state (WEBTIER_STATE_BUCKET when it was deployed)"
  type        = string
}

variable "environment" {
  description = "Web tier environment to read: dev, stage or prod"
  type        = string
  default     = "prod"

  validation {
    condition     = contains(["dev", "stage", "prod"], var.environment)
    error_message = "environment must be dev, stage or prod."
  }
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
