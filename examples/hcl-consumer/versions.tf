terraform {
  required_version = ">= 1.10"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }
}

provider "aws" {
  region = var.region

  # Offline: placeholder credentials that nothing checks, so a plan of new resources runs without AWS.
  access_key                  = var.offline ? "offline-placeholder" : null
  secret_key                  = var.offline ? "offline-placeholder" : null
  skip_credentials_validation = var.offline
  skip_requesting_account_id  = var.offline
  skip_metadata_api_check     = var.offline
}
