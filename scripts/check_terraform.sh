#!/usr/bin/env bash
# Static checks of terraform/ (run by .ci/run):
#   1. terraform fmt -check -recursive
#   2. checkov, offline, from its own virtualenv (.venv-checkov, created here on first use so
#      it never enters the project's .venv): no failed check; every skip is justified inline
#      with #checkov:skip=ID:reason next to the resource
#   3. terraform validate, where `terraform init` can install the providers; where it cannot
#      (no registry access), it is skipped with a message saying so
# Exit status: 0 all ran checks passed, 1 a check failed.
set -euo pipefail
cd "$(dirname "$0")/.."
TF_DIR=terraform
CHECKOV_VERSION="${CHECKOV_VERSION:-3.3.30}"
CHECKOV_VENV="${CHECKOV_VENV:-.venv-checkov}"
export CHECKPOINT_DISABLE=1 CKV_SKIP_PACKAGE_UPDATE_CHECK=true BC_SKIP_MAPPING=TRUE
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
# An unset or missing CLI config makes terraform warn on every command: give it an empty one.
if [ -z "${TF_CLI_CONFIG_FILE:-}" ] || [ ! -f "$TF_CLI_CONFIG_FILE" ]; then
  : >"$scratch/terraformrc"
  export TF_CLI_CONFIG_FILE="$scratch/terraformrc"
fi

if command -v terraform >/dev/null 2>&1; then
  terraform fmt -check -recursive -diff "$TF_DIR"
  echo "terraform fmt: ok"
else
  echo "terraform fmt: SKIPPED: terraform is not installed (https://developer.hashicorp.com/terraform/install)"
fi

installed=""
if [ -x "$CHECKOV_VENV/bin/checkov" ]; then
  installed="$("$CHECKOV_VENV/bin/pip" show checkov 2>/dev/null | sed -n 's/^Version: //p')"
fi
if [ "$installed" != "$CHECKOV_VERSION" ]; then
  echo "checkov: installing checkov==$CHECKOV_VERSION into $CHECKOV_VENV"
  "${PYTHON:-python3}" -m venv "$CHECKOV_VENV"
  "$CHECKOV_VENV/bin/pip" install -q --upgrade pip
  "$CHECKOV_VENV/bin/pip" install -q "checkov==$CHECKOV_VERSION"
fi
"$CHECKOV_VENV/bin/checkov" -d "$TF_DIR" --framework terraform secrets --skip-download \
  --compact --quiet -o cli
echo "checkov: ok (no failed checks)"

if ! command -v terraform >/dev/null 2>&1; then
  echo "terraform validate: SKIPPED: terraform is not installed"
  exit 0
fi
export TF_DATA_DIR="$scratch/tf-data"
if timeout 120 terraform -chdir="$TF_DIR" init -backend=false -input=false -no-color \
  >"$scratch/init.log" 2>&1; then
  terraform -chdir="$TF_DIR" validate -no-color
else
  reason="$(grep -m1 -E 'Error|error' "$scratch/init.log" || tail -n1 "$scratch/init.log")"
  echo "terraform validate: SKIPPED: the providers cannot be installed here (terraform init failed: ${reason})"
fi
