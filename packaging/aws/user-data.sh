#!/bin/bash
# druidwatch user data for the launch templates of the AWS Druid guidance's Auto Scaling
# groups (master, data, query, zookeeper). It installs the druidwatch package, writes
# /etc/druidwatch/agent.yaml from the instance's tags, checks it, and starts the agent.
#
# The instance needs:
# - tags druid:cluster (the cluster's name: the Cluster dimension of every metric) and
#   druid:tier (master, data, query or zookeeper), propagated from the group;
# - instance metadata tags enabled and IMDSv2 (launch template MetadataOptions:
#   HttpTokens: required, InstanceMetadataTags: enabled): tags are read from
#   /latest/meta-data/tags/instance/<key>, which answers 404 otherwise;
# - the instance profile of packaging/cloudformation/druidwatch-agent-iam.yaml, plus
#   s3:GetObject on the package below;
# - the aws CLI (preinstalled on Amazon Linux 2023; on Debian/Ubuntu install awscli).
#
# Every setting below can be overridden from the environment; the tests run this script
# against a local fake metadata service with DRUIDWATCH_SKIP_INSTALL=1 and
# DRUIDWATCH_SKIP_START=1, writing into a temporary directory.
set -euo pipefail

# Where the packages are (build them with packaging/build-packages and upload both).
DRUIDWATCH_RPM_URL=${DRUIDWATCH_RPM_URL:-s3://my-artifacts-bucket/druidwatch/druidwatch-0.1.0-1.x86_64.rpm}
DRUIDWATCH_DEB_URL=${DRUIDWATCH_DEB_URL:-s3://my-artifacts-bucket/druidwatch/druidwatch_0.1.0-1_amd64.deb}

DRUIDWATCH_IMDS_URL=${DRUIDWATCH_IMDS_URL:-http://169.254.169.254}
DRUIDWATCH_CONFIG_DIR=${DRUIDWATCH_CONFIG_DIR:-/etc/druidwatch}
DRUIDWATCH_BINARY=${DRUIDWATCH_BINARY:-/usr/bin/druidwatch}
DRUIDWATCH_CLUSTER_TAG=${DRUIDWATCH_CLUSTER_TAG:-druid:cluster}
DRUIDWATCH_TIER_TAG=${DRUIDWATCH_TIER_TAG:-druid:tier}
DRUIDWATCH_SKIP_INSTALL=${DRUIDWATCH_SKIP_INSTALL:-0}
DRUIDWATCH_SKIP_START=${DRUIDWATCH_SKIP_START:-0}
# The Druid log files shipped to CloudWatch Logs (/druid/<cluster>/<service>); empty
# ships only Druid's alerts.
DRUIDWATCH_DRUID_LOGS=${DRUIDWATCH_DRUID_LOGS:-/var/log/druid/*.log}

log() { echo "druidwatch user data: $*" >&2; }
fail() { log "$*"; exit 1; }

# --- instance metadata (IMDSv2) --------------------------------------------------------
imds_token=$(curl -fsS --retry 5 --retry-connrefused --max-time 5 -X PUT \
    -H "X-aws-ec2-metadata-token-ttl-seconds: 300" "$DRUIDWATCH_IMDS_URL/latest/api/token") \
    || fail "no IMDSv2 token from $DRUIDWATCH_IMDS_URL"

# The value of one instance tag; fails with the reason when it is not readable.
instance_tag() {
    local key=$1 status body
    body=$(mktemp)
    status=$(curl -sS --retry 5 --retry-connrefused --max-time 5 -o "$body" -w '%{http_code}' \
        -H "X-aws-ec2-metadata-token: $imds_token" "$DRUIDWATCH_IMDS_URL/latest/meta-data/tags/instance/$key") || status=000
    if [ "$status" != 200 ]; then
        rm -f "$body"
        fail "cannot read the instance tag $key (HTTP $status): tag the Auto Scaling group with it (PropagateAtLaunch) and enable instance metadata tags in the launch template"
    fi
    cat "$body"
    rm -f "$body"
}

cluster=$(instance_tag "$DRUIDWATCH_CLUSTER_TAG")
tier=$(instance_tag "$DRUIDWATCH_TIER_TAG")
[ -n "$cluster" ] || fail "the tag $DRUIDWATCH_CLUSTER_TAG is empty"
case "$tier" in
    master|data|query|zookeeper) ;;
    *) fail "the tag $DRUIDWATCH_TIER_TAG is '$tier'; expected master, data, query or zookeeper" ;;
esac
log "cluster '$cluster', tier $tier"

# --- the package -----------------------------------------------------------------------
if [ "$DRUIDWATCH_SKIP_INSTALL" != 1 ]; then
    download=$(mktemp -d)
    if command -v dnf >/dev/null 2>&1; then
        aws s3 cp --only-show-errors "$DRUIDWATCH_RPM_URL" "$download/druidwatch.rpm"
        dnf install -y "$download/druidwatch.rpm"
    elif command -v apt-get >/dev/null 2>&1; then
        aws s3 cp --only-show-errors "$DRUIDWATCH_DEB_URL" "$download/druidwatch.deb"
        DEBIAN_FRONTEND=noninteractive apt-get install -y "$download/druidwatch.deb"
    else
        fail "neither dnf nor apt-get is here"
    fi
    rm -rf "$download"
fi

# --- the agent's configuration -----------------------------------------------------------
# A YAML double-quoted string, whatever the tag holds.
yaml_quoted() {
    local value=${1//\\/\\\\}
    value=${value//\"/\\\"}
    printf '"%s"' "$value"
}

# Every instance runs the host, JVM and emitter sources; the Druid tiers probe their
# Druid processes; the ZooKeeper tier has no Druid process but reads ZooKeeper (its
# AdminServer, or mntr) and reports ZooKeeper's own JVM.
case "$tier" in
    zookeeper)
        druid_sources=false
        zookeeper_source=true
        non_druid_jvms=true
        ;;
    *)
        druid_sources=true
        zookeeper_source=false
        non_druid_jvms=false
        ;;
esac

mkdir -p "$DRUIDWATCH_CONFIG_DIR"
config="$DRUIDWATCH_CONFIG_DIR/agent.yaml"
staged=$(mktemp "$DRUIDWATCH_CONFIG_DIR/.agent.yaml.XXXXXX")
cat >"$staged" <<YAML
# Written by the druidwatch user data from the instance's tags
# ($DRUIDWATCH_CLUSTER_TAG, $DRUIDWATCH_TIER_TAG: $tier). Every key and its default:
# /usr/share/druidwatch/examples/agent.yaml
cluster: $(yaml_quoted "$cluster")

identity:
  instance_id: auto
  # The instance tag aws:autoscaling:groupName, through instance metadata tags.
  auto_scaling_group: auto

sources:
  druid_emitter:
    enabled: $druid_sources
  druid_health:
    enabled: $druid_sources
  jvm:
    enabled: true
    include_non_druid: $non_druid_jvms
  zookeeper:
    enabled: $zookeeper_source

logs:
  enabled: $( [ -n "$DRUIDWATCH_DRUID_LOGS" ] || [ "$druid_sources" = true ] && echo true || echo false )
  files:$(if [ -n "$DRUIDWATCH_DRUID_LOGS" ]; then printf '\n    - path: %s' "$(yaml_quoted "$DRUIDWATCH_DRUID_LOGS")"; else printf ' []'; fi)
  alerts:
    enabled: $druid_sources
YAML
chmod 0644 "$staged"
mv "$staged" "$config"

"$DRUIDWATCH_BINARY" check-config "$config"
log "wrote $config"

if [ "$DRUIDWATCH_SKIP_START" != 1 ]; then
    systemctl enable --now druidwatch-agent.service
    log "druidwatch-agent started; check it with: druidwatch status"
fi
