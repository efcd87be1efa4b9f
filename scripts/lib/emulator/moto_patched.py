"""moto_server with the fixes this project's stacks need; emulator-gaps.ts lists each with its reason.

Run as `python3 moto_patched.py -H 127.0.0.1 -p <port>`: the arguments of moto_server. Each patch
makes the emulator answer as AWS documents; none changes what Terraform is asked to do.
"""

import os
import sys

# AWS managed policies (arn:aws:iam::aws:policy/...) exist in every account; moto loads them only when asked.
os.environ.setdefault("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")


def sqs_redrive_allow_policy() -> None:
    """SQS stores RedriveAllowPolicy but refuses it as an attribute name to GetQueueAttributes and
    never returns it, so the provider's aws_sqs_queue_redrive_allow_policy never settles."""
    from moto.sqs.models import Queue

    Queue.BASE_ATTRIBUTES.append("RedriveAllowPolicy")
    Queue.redrive_allow_policy = None


def sqs_compact_redrive_policy() -> None:
    """SQS returns RedrivePolicy as Python's json.dumps writes it ("a": 1, with spaces); AWS
    returns it as given, compact, so the provider saw a change on every plan. And a policy
    removed (set to "") comes back as "", where AWS leaves it out: the destroy waited forever."""
    import json

    from moto.sqs.models import Queue

    original = Queue.attributes.fget

    def attributes(self):  # type: ignore[no-untyped-def]
        result = original(self)
        if self.redrive_policy:
            result["RedrivePolicy"] = json.dumps(self.redrive_policy, separators=(",", ":"))
        # A policy set to "" is removed: AWS then leaves the attribute out, as the provider expects.
        for name in ("RedriveAllowPolicy", "Policy"):
            if result.get(name) == "":
                del result[name]
        return result

    Queue.attributes = property(attributes)


def sqs_keep_policy() -> None:
    """SetQueueAttributes without Policy clears the queue's policy (AWS leaves attributes not given
    alone), so setting a redrive-allow policy removed the queue policy set beside it."""
    from moto.sqs.models import Queue

    original = Queue._set_attributes

    def _set_attributes(self, attributes, now=None):  # type: ignore[no-untyped-def]
        kept = getattr(self, "policy", None)
        original(self, attributes, now)
        if "Policy" not in attributes:
            self.policy = kept

    Queue._set_attributes = _set_attributes


def autoscaling_notifications() -> None:
    """Auto Scaling's notification configurations (Put/Describe/DeleteNotificationConfiguration)
    are not implemented, so aws_autoscaling_notification retries until it times out."""
    from moto.autoscaling.responses import AutoScalingResponse
    from moto.core.responses import ActionResult, EmptyResult

    def store(response):  # type: ignore[no-untyped-def]
        backend = response.autoscaling_backend
        if not hasattr(backend, "notification_configurations"):
            backend.notification_configurations = {}
        return backend.notification_configurations

    def put_notification_configuration(self):  # type: ignore[no-untyped-def]
        group = self._get_param("AutoScalingGroupName")
        if group not in self.autoscaling_backend.autoscaling_groups:
            from moto.autoscaling.exceptions import ValidationError

            raise ValidationError(f"AutoScalingGroup name not found - {group}")
        store(self)[(group, self._get_param("TopicARN"))] = list(self._get_param("NotificationTypes", []))
        return EmptyResult()

    def describe_notification_configurations(self):  # type: ignore[no-untyped-def]
        names = self._get_param("AutoScalingGroupNames", [])
        configurations = [
            {"AutoScalingGroupName": group, "TopicARN": topic, "NotificationType": kind}
            for (group, topic), kinds in sorted(store(self).items())
            if not names or group in names
            for kind in kinds
        ]
        return ActionResult({"NotificationConfigurations": configurations})

    def delete_notification_configuration(self):  # type: ignore[no-untyped-def]
        store(self).pop((self._get_param("AutoScalingGroupName"), self._get_param("TopicARN")), None)
        return EmptyResult()

    AutoScalingResponse.put_notification_configuration = put_notification_configuration
    AutoScalingResponse.describe_notification_configurations = describe_notification_configurations
    AutoScalingResponse.delete_notification_configuration = delete_notification_configuration


#: The CallerReference prefix that asks CreateHostedZone for the zone id that follows it.
FIXED_ZONE_ID = "webtier-fixed-zone-id:"


def route53_fixed_zone_id() -> None:
    """A hosted zone's id is AWS's to choose, but the stacks name an existing zone by id. A zone
    created with CallerReference "webtier-fixed-zone-id:<id>" gets that id, so the zone a config
    names can be put into the emulator before an apply, as it exists in the real account."""
    from moto.route53.models import Route53Backend

    original = Route53Backend.create_hosted_zone

    def create_hosted_zone(self, name, private_zone, caller_reference=None, *args, **kwargs):  # type: ignore[no-untyped-def]
        zone = original(self, name, private_zone, caller_reference, *args, **kwargs)
        if caller_reference and caller_reference.startswith(FIXED_ZONE_ID):
            wanted = caller_reference[len(FIXED_ZONE_ID) :]
            self.zones[wanted] = self.zones.pop(zone.resource_id)
            zone.resource_id = wanted
        return zone

    Route53Backend.create_hosted_zone = create_hosted_zone


PATCHES = [sqs_redrive_allow_policy, sqs_compact_redrive_policy, sqs_keep_policy, autoscaling_notifications, route53_fixed_zone_id]

if __name__ == "__main__":
    for patch in PATCHES:
        patch()
    from moto.server import main

    main(sys.argv[1:])
