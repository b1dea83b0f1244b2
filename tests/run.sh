#!/usr/bin/env bash
# THE test command of this repository:   bash tests/run.sh
#
# Runs, from a clean clone, as root or a user able to create databases:
#   1. PostgreSQL reachability (starts a local cluster when it is down);
#   2. installation of the pinned test tools (requirements-test.txt);
#   3. static checks (tests/static_checks.py) -- they never need Odoo;
#   4. with Odoo 18 importable: install every addon of addons/
#      without demo data in a fresh database (log must be clean), pytest-odoo
#      over the addons and tests/, browser tours tagged hcc_tour through Odoo's
#      own runner, then a second fresh database installed WITH demo data,
#      then hcc_contracts alone and each other addon with it only, then the
#      upgrade of each earlier release of tests/upgrade/releases.txt, with its
#      demo data, to this tree (figures compared before and after);
#      without Odoo 18: only the pure-Python tests, then a loud notice.
#
# Environment (all optional):
#   HCC_ADDONS_DIR   addons folder to test (default: <repo>/addons)
#   PYTHON           interpreter (default: python3)
#   DB_HOST DB_PORT DB_USER DB_PASSWORD   database connection, or
#   HOST PORT USER PASSWORD   as in the official odoo Docker image (PORT and USER
#                    are only read when HOST is set: login shells export USER), or
#   PGHOST PGPORT PGUSER PGPASSWORD       libpq's own variables.
#   HCC_KEEP_LOGS=1  keep the work folder (logs, filestore) even on success.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
# an empty environment (env -i) leaves bash's default PATH unexported: export
# it, and name the interpreter by its path, so that the tools started from here
# (python -m ruff, odoo-bin, psql) find the same Python and each other
export PATH="${PATH:-/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin}"
PYTHON="$(command -v "${PYTHON:-python3}" || echo "${PYTHON:-python3}")"
ADDONS_DIR="${HCC_ADDONS_DIR:-$REPO/addons}"
# every addon of the addons folder (a folder with a __manifest__.py)
ADDON_NAMES=()
for manifest in "$ADDONS_DIR"/*/__manifest__.py; do
    [[ -e "$manifest" ]] && ADDON_NAMES+=("$(basename "$(dirname "$manifest")")")
done
MODULES="$(IFS=,; echo "${ADDON_NAMES[*]}")"
ADDON_SQL_LIST="$(printf "'%s'," "${ADDON_NAMES[@]}")"
ADDON_SQL_LIST="${ADDON_SQL_LIST%,}"
TOUR_TAG="hcc_tour"
# Odoo's own apps the addons extend: their post-install tests run with every
# addon installed (step 7b)
CORE_SUITES="mail,calendar,portal,analytic,account"
# ...but these, which fail on Odoo 18 alone (account only, no demo data) on this
# source: a test of 2025 resequencing a payment of today's year, and a tour that
# ends on a form left in edition
CORE_KNOWN_FAILURES="-/account:TestAccountPayment.test_resequence_change_payment_name,-/account:TestUi.test_01_account_tour"
# ...and three of mail's public page tours that fail now and then on a loaded
# machine, waiting on a reaction to reload or a message's Edit button (each
# failed once in a full run and passed when run again with every addon installed)
CORE_KNOWN_FAILURES+=",-/mail:TestMailPublicPage.test_discuss_channel_public_page_as_internal"
CORE_KNOWN_FAILURES+=",-/mail:TestMailPublicPage.test_discuss_channel_public_page_as_portal"
CORE_KNOWN_FAILURES+=",-/mail:TestMailPublicPage.test_mail_group_public_page_as_internal"
AXE_CORE_VERSION="4.10.3"
ALLOWLIST="$REPO/tests/log_allowlist.txt"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/hcc_tests.XXXXXX")"
DATA_DIR="$WORK/data"
# PID plus a random suffix: in a container the PID is often the same (1).
DB="hcc_test_$$_$RANDOM"
DEMO_DB="hcc_test_demo_$$_$RANDOM"
STARTED_AT=$SECONDS

SUMMARY=()
FAILED=0
step() { printf '\n===== %s =====\n' "$*"; }
note() { printf '>>> %s\n' "$*"; }
# result NAME PASS|FAIL|SKIP|"NOT RUN" [detail]; only FAIL fails the run
result() {
    SUMMARY+=("$(printf '%-7s  %s%s' "$2" "$1" "${3:+ -- $3}")")
    [[ $2 == FAIL ]] && FAILED=1
    note "$1: $2${3:+ ($3)}"
}
print_summary() {
    step "SUMMARY ($((SECONDS - STARTED_AT))s)"
    printf '%s\n' "${SUMMARY[@]}"
    if ((FAILED)); then
        echo "RESULT: FAIL"
    elif [[ -z "${ODOO_OK:-}" ]]; then
        echo "RESULT: static checks and pure-Python tests PASS; Odoo tests NOT RUN"
    else
        echo "RESULT: PASS"
    fi
}

# --------------------------------------------------------------------------
# Database connection settings
# --------------------------------------------------------------------------
db_host="${PGHOST:-}" db_port="${PGPORT:-}" db_user="${PGUSER:-}"
db_password="${PGPASSWORD:-}"
if [[ -n "${HOST:-}" ]]; then
    db_host="$HOST"
    db_port="${PORT:-$db_port}"
    db_user="${USER:-$db_user}"
fi
db_password="${PASSWORD:-$db_password}"
db_host="${DB_HOST:-$db_host}" db_port="${DB_PORT:-$db_port}"
db_user="${DB_USER:-$db_user}" db_password="${DB_PASSWORD:-$db_password}"
ODOO_DB_ARGS=()
PYTEST_DB_ARGS=()
for opt in host port user password; do
    var="db_$opt"
    value="${!var}"
    if [[ -n "$value" ]]; then
        ODOO_DB_ARGS+=("--db_$opt=$value")
        PYTEST_DB_ARGS+=("--odoo-extra=db_$opt=$value")
        # libpq (pg_isready, psycopg2 helpers below) reads the PG* variables.
        export "PG${opt^^}=$value"
    fi
done
db_is_local() { [[ -z "$db_host" || "$db_host" == /* || "$db_host" == localhost || "$db_host" == 127.0.0.1 ]]; }

cleanup() {
    local rc=$?
    set +e
    if [[ -n "${ODOO_OK:-}" ]]; then
        for db in "$DB" "$DEMO_DB" "${RESTORED_DB:-}" "${UPGRADE_DB:-}"; do
            [[ -n "$db" ]] && db_drop "$db" >/dev/null 2>&1
        done
    fi
    if ((FAILED)) || [[ -n "${HCC_KEEP_LOGS:-}" ]]; then
        echo "Logs and filestore kept in $WORK"
    else
        rm -rf "$WORK"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

db_drop() {
    "$PYTHON" - "$1" <<'EOF'
import sys

import psycopg2
from psycopg2 import sql

conn = psycopg2.connect(dbname="postgres")
conn.autocommit = True
force = " WITH (FORCE)" if conn.server_version >= 130000 else ""
with conn.cursor() as cr:
    cr.execute(
        sql.SQL("DROP DATABASE IF EXISTS {}" + force).format(sql.Identifier(sys.argv[1]))
    )
conn.close()
EOF
}

db_query() { # DB SQL -> prints the first column of the first row
    "$PYTHON" - "$1" "$2" <<'EOF'
import sys

import psycopg2

with psycopg2.connect(dbname=sys.argv[1]) as conn, conn.cursor() as cr:
    cr.execute(sys.argv[2])
    row = cr.fetchone()
    print(row[0] if row else "")
EOF
}

apt_install() { # PACKAGE... ; returns non-zero when it could not install
    if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
        note "cannot apt-get install $* (not root or no apt-get)"
        return 1
    fi
    if [[ -z "${APT_UPDATED:-}" ]]; then
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1 || true
        APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" \
        >"$WORK/apt.log" 2>&1 || { tail -n 5 "$WORK/apt.log"; return 1; }
}

# --------------------------------------------------------------------------
step "1. PostgreSQL"
# --------------------------------------------------------------------------
if command -v pg_isready >/dev/null 2>&1; then
    if ! pg_isready -q && db_is_local && command -v pg_ctlcluster >/dev/null 2>&1 \
        && [[ -d /etc/postgresql ]] && [[ -n "$(ls /etc/postgresql)" ]]; then
        pg_version="$(ls /etc/postgresql | sort -V | tail -n 1)"
        note "PostgreSQL not reachable: starting local cluster $pg_version/main"
        pg_ctlcluster --skip-systemctl-redirect "$pg_version" main start ||
            note "WARNING: pg_ctlcluster failed"
    fi
    for _ in $(seq 60); do pg_isready -q && break; sleep 1; done
    if pg_isready; then
        result "PostgreSQL reachable" PASS
    else
        result "PostgreSQL reachable" FAIL "pg_isready ${db_host:+-h $db_host}"
    fi
else
    result "PostgreSQL reachable" SKIP "pg_isready not installed, not checked"
fi

# --------------------------------------------------------------------------
step "2. Python test tools (requirements-test.txt)"
# --------------------------------------------------------------------------
to_install="$("$PYTHON" - "$REPO/requirements-test.txt" <<'EOF'
import importlib.metadata as md
import importlib.util
import sys

wanted = []
for line in open(sys.argv[1], encoding="utf-8"):
    req = line.split("#", 1)[0].strip()
    if not req:
        continue
    name, _, version = req.partition("==")
    try:
        installed = md.version(name.strip())
    except md.PackageNotFoundError:
        installed = None
    if installed != version.strip():
        wanted.append(req)
# Odoo pins or packages these itself: only installed when missing. freezegun
# (Odoo's test helpers), lxml (XML check), websocket-client (Odoo drives Chrome
# through it for browser tours; without it every tour is silently skipped).
for module, requirement in (
    ("freezegun", "freezegun"),
    ("lxml", "lxml"),
    ("websocket", "websocket-client"),
):
    if importlib.util.find_spec(module) is None:
        wanted.append(requirement)
print(" ".join(wanted))
EOF
)"
if [[ -z "$to_install" ]]; then
    result "test tools installed" PASS "already at the pinned versions"
else
    note "installing: $to_install"
    pip_args=(-m pip install -q --disable-pip-version-check)
    if "$PYTHON" -c 'import os, sys, sysconfig
marker = os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED")
sys.exit(0 if sys.prefix == sys.base_prefix and os.path.isfile(marker) else 1)'; then
        pip_args+=(--break-system-packages)
    fi
    pip_req=()
    for req in $to_install; do pip_req+=("$req"); done
    if PIP_CONSTRAINT="$REPO/constraints-test.txt" PIP_ROOT_USER_ACTION=ignore \
        "$PYTHON" "${pip_args[@]}" "${pip_req[@]}"; then
        result "test tools installed" PASS "$to_install"
    else
        result "test tools installed" FAIL "pip install failed"
    fi
fi

# --------------------------------------------------------------------------
step "3. Static checks"
# --------------------------------------------------------------------------
if "$PYTHON" tests/static_checks.py --addons-dir "$ADDONS_DIR"; then
    STATIC_RC=0
    result "static checks" PASS
else
    STATIC_RC=1
    result "static checks" FAIL "see the FAIL lines above"
fi

# --------------------------------------------------------------------------
step "4. Odoo 18"
# --------------------------------------------------------------------------
if ! "$PYTHON" -c "import odoo.release as r, sys; sys.exit(r.version_info[0] != 18)" \
    2>"$WORK/import_odoo.err"; then
    tail -n 3 "$WORK/import_odoo.err"
    note "$PYTHON cannot import Odoo 18: running the pure-Python tests only"
    set +e
    "$PYTHON" -m pytest -p no:odoo -m "not odoo" tests
    rc=$?
    set -e
    if ((rc == 0)); then
        result "pure-Python tests (pytest)" PASS
    else
        result "pure-Python tests (pytest)" FAIL "exit code $rc"
    fi
    result "Odoo tests" "NOT RUN" "Odoo 18 is not importable"
    print_summary
    echo "ODOO TESTS DID NOT RUN: python3 cannot import Odoo 18"
    ((STATIC_RC == 0 && rc == 0)) && exit 0
    exit 1
fi
ODOO_OK=1
ODOO_PKG="$("$PYTHON" -c "import os, odoo; print(os.path.dirname(os.path.realpath(odoo.__file__)))")"
if [[ -f "$ODOO_PKG/../odoo-bin" ]]; then
    ODOO_CMD=("$PYTHON" "$(cd "$ODOO_PKG/.." && pwd)/odoo-bin")
elif command -v odoo >/dev/null 2>&1; then
    ODOO_CMD=(odoo)
else
    ODOO_CMD=("$PYTHON" -m odoo)
fi
if [[ ! -d "$ADDONS_DIR" ]]; then
    result "addons directory" FAIL "$ADDONS_DIR does not exist"
    print_summary
    exit 1
fi
ADDONS_DIR="$(cd "$ADDONS_DIR" && pwd)"
ADDONS_PATH="$ODOO_PKG/addons"
if [[ -d "$ODOO_PKG/../addons" ]]; then
    ADDONS_PATH+=",$(cd "$ODOO_PKG/../addons" && pwd)"
fi
ADDONS_PATH+=",$ADDONS_DIR"
ODOO_COMMON=(--addons-path="$ADDONS_PATH" --data-dir="$DATA_DIR" "${ODOO_DB_ARGS[@]}")
mkdir -p "$DATA_DIR"
note "Odoo $("$PYTHON" -c 'import odoo.release as r; print(r.version)') from $ODOO_PKG"
note "launcher: ${ODOO_CMD[*]}"
note "addons path: $ADDONS_PATH"
note "databases: $DB (no demo), $DEMO_DB (demo); work folder: $WORK"

# Report tests render PDFs: try to provide wkhtmltopdf; its absence is not ours.
if ! command -v wkhtmltopdf >/dev/null 2>&1; then
    note "wkhtmltopdf missing: trying apt-get install wkhtmltopdf"
    apt_install wkhtmltopdf || note "WARNING: could not install wkhtmltopdf; PDF rendering unavailable"
fi

# install_db DB LOG LABEL [extra odoo args...] -> runs odoo -i, then checks
# its log; installs $INSTALL (default: every addon of the folder)
install_db() {
    local db="$1" log="$2" label="$3"
    shift 3
    local modules="${INSTALL:-$MODULES}"
    local names=()
    IFS=, read -r -a names <<<"$modules"
    local sql_list
    sql_list="$(printf "'%s'," "${names[@]}")"
    sql_list="${sql_list%,}"
    db_drop "$db"
    local t0=$SECONDS rc=0
    note "installing $modules into $db (log: $log)"
    "${ODOO_CMD[@]}" "${ODOO_COMMON[@]}" -d "$db" -i "$modules" --stop-after-init \
        --no-http --max-cron-threads=0 --log-level=info --logfile="$log" "$@" || rc=$?
    if ((rc != 0)); then
        tail -n 40 "$log" || true
        result "$label" FAIL "odoo exited with $rc after $((SECONDS - t0))s"
        return 1
    fi
    local state expected
    state="$(db_query "$db" "SELECT string_agg(name || '=' || state, ',' ORDER BY name)
        FROM ir_module_module WHERE name IN ($sql_list)")"
    expected="$(printf '%s=installed\n' "${names[@]}" | sort | paste -sd, -)"
    if [[ "$state" != "$expected" ]]; then
        result "$label" FAIL "module states: ${state:-none}"
        return 1
    fi
    result "$label" PASS "$((SECONDS - t0))s"
    # A noisy log fails the run but does not stop the next steps.
    if "$PYTHON" tests/check_log.py "$log" --allowlist "$ALLOWLIST"; then
        result "$label: log clean" PASS
    else
        result "$label: log clean" FAIL "WARNING/ERROR/CRITICAL lines in $log"
    fi
}

# --------------------------------------------------------------------------
step "5. Install without demo data"
# --------------------------------------------------------------------------
INSTALLED=0
if install_db "$DB" "$WORK/install.log" "install without demo" --without-demo=all; then
    INSTALLED=1
fi

# --------------------------------------------------------------------------
step "6. pytest-odoo"
# --------------------------------------------------------------------------
if ((INSTALLED)); then
    if [[ "$ADDONS_DIR" == "$REPO/addons" ]]; then addon_prefix="addons"; else addon_prefix="$ADDONS_DIR"; fi
    set +e
    "$PYTHON" -m pytest --odoo-database="$DB" --odoo-addons-path="$ADDONS_PATH" \
        --odoo-http --odoo-extra="data-dir=$DATA_DIR" "${PYTEST_DB_ARGS[@]}" \
        "${ADDON_NAMES[@]/#/$addon_prefix/}" tests
    rc=$?
    set -e
    case $rc in
        0) result "pytest (addons + tests/)" PASS ;;
        5) result "pytest (addons + tests/)" FAIL "exit code 5: pytest collected no tests" ;;
        *) result "pytest (addons + tests/)" FAIL "exit code $rc" ;;
    esac
else
    result "pytest (addons + tests/)" FAIL "not run: the install failed"
fi

# odoo_tests LOG TAGS: Odoo's own runner on $DB for the test tags TAGS (a free
# HTTP port for tours); sets rc (its exit code) and ran (how many post-install
# tests it ran)
odoo_tests() {
    local log="$1" tags="$2" port
    port="$("$PYTHON" -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    set +e
    "${ODOO_CMD[@]}" "${ODOO_COMMON[@]}" -d "$DB" --test-tags "$tags" \
        --stop-after-init --http-port="$port" --max-cron-threads=0 \
        --log-level=info --logfile="$log"
    rc=$?
    set -e
    grep -E 'post-tests in|tests when loading database|of [0-9]+ tests' "$log" || true
    ran="$(sed -nE 's/.* ([0-9]+) post-tests in .*/\1/p' "$log" | tail -n 1)"
}

# failed_tests LOG: the test tags (/addon:Class.method, one a line) of the
# tests whose FAIL or ERROR the log reports; fails when there is none, or when
# a report names no test method (an error in a class's set-up, say)
failed_tests() {
    local line tag tags=()
    while IFS= read -r line; do
        tag="$(sed -nE 's/.* odoo\.addons\.([a-z0-9_]+)\.[A-Za-z0-9_.]*: (FAIL|ERROR): (Subtest )?([A-Za-z0-9_]+)\.(test[A-Za-z0-9_]*).*/\/\1:\4.\5/p' <<<"$line")"
        [[ -n "$tag" ]] || return 1
        tags+=("$tag")
    done < <(grep -E 'FAIL:|ERROR:' "$1")
    ((${#tags[@]})) || return 1
    printf '%s\n' "${tags[@]}" | sort -u
}

# --------------------------------------------------------------------------
step "7. Browser tours ($TOUR_TAG, Odoo's test runner)"
# --------------------------------------------------------------------------
tour_files="$(grep -rl --include='*.py' "$TOUR_TAG" "$ADDONS_DIR" 2>/dev/null |
    xargs -r grep -l '@tagged(' || true)"
find_chrome() {
    local bin
    for bin in google-chrome chromium chromium-browser google-chrome-stable; do
        if command -v "$bin" >/dev/null 2>&1 && "$bin" --headless --version >/dev/null 2>&1; then
            command -v "$bin"
            return 0
        fi
    done
    return 1
}
if [[ -z "$tour_files" ]]; then
    result "browser tours" SKIP "no test tagged $TOUR_TAG in the addons"
elif ((!INSTALLED)); then
    result "browser tours" FAIL "not run: the install failed"
else
    note "tours tagged $TOUR_TAG in: ${tour_files//$'\n'/ }"
    if ! find_chrome >/dev/null; then
        note "no working Chrome/Chromium: trying apt-get install chromium"
        apt_install chromium || true
    fi
    if ! chrome="$(find_chrome)"; then
        result "browser tours" FAIL "Chromium is required for the $TOUR_TAG tours and could not be installed"
    else
        note "browser: $chrome"
        # axe-core for the portal's accessibility test: from npm, into the work
        # folder, never committed; without it that test fails (never skipped)
        if command -v npm >/dev/null 2>&1 || apt_install npm; then
            # --prefix moves npm's global config too: keep the machine's
            # (its CA file, registry or proxy, when it has them)
            npm install --prefix "$WORK/axe" --no-save --no-audit --no-fund \
                --globalconfig "$(npm config get globalconfig)" \
                "axe-core@$AXE_CORE_VERSION" >"$WORK/npm.log" 2>&1 ||
                { tail -n 5 "$WORK/npm.log"; note "WARNING: npm install axe-core failed"; }
            export HCC_AXE_JS="$WORK/axe/node_modules/axe-core/axe.min.js"
        fi
        tour_log="$WORK/tours.log"
        tags="$(printf "$TOUR_TAG/%s," "${ADDON_NAMES[@]}")"
        tags="${tags%,}"
        t0=$SECONDS
        odoo_tests "$tour_log" "$tags"
        skip_re='^[0-9-]+ [0-9:,]+ [0-9]+ [A-Z]+ [^ ]+ [^ ]+: skipped '
        if grep -qE ' (ERROR|CRITICAL) |FAIL:|ERROR:' "$tour_log"; then
            grep -E ' (ERROR|CRITICAL) |FAIL:|ERROR:' "$tour_log" | head -n 50
            result "browser tours" FAIL "FAIL/ERROR in $tour_log"
        elif grep -qE "$skip_re" "$tour_log"; then
            # e.g. "Chrome executable not found", "websocket-client ... not installed"
            grep -E "$skip_re" "$tour_log" | head -n 20
            result "browser tours" FAIL "tour(s) skipped, see above"
        elif ((rc != 0)); then
            tail -n 40 "$tour_log"
            result "browser tours" FAIL "odoo exited with $rc"
        elif [[ -z "$ran" || "$ran" == 0 ]]; then
            result "browser tours" FAIL "no $TOUR_TAG test ran (tags $tags)"
        else
            result "browser tours" PASS "$ran test(s), $((SECONDS - t0))s"
        fi
    fi
fi

# --------------------------------------------------------------------------
step "7b. Odoo's own tests of the apps the addons extend ($CORE_SUITES)"
# --------------------------------------------------------------------------
# Their post-install tests, in the same database with every addon installed:
# the addons must not change what these apps do (their at-install tests run
# when an app is installed, before the addons, and say nothing of them).
if ((!INSTALLED)); then
    result "Odoo's own tests" FAIL "not run: the install failed"
elif [[ -z "${chrome:-}" ]]; then
    result "Odoo's own tests" FAIL "not run: no Chrome/Chromium for their tours"
else
    core_log="$WORK/core_suites.log"
    core_tags="$(printf "/%s," ${CORE_SUITES//,/ })-at_install,$CORE_KNOWN_FAILURES"
    t0=$SECONDS
    odoo_tests "$core_log" "$core_tags"
    core_again="" again_log=""
    # a few of their tests (browser tours most) fail now and then on a loaded
    # machine: each test that failed runs once more, alone, and must pass then;
    # more than three failed, or an error outside a test, fails the step
    if grep -qE 'FAIL:|ERROR:' "$core_log"; then
        grep -E 'FAIL:|ERROR:' "$core_log" | head -n 50
        rc=1
        if failed="$(failed_tests "$core_log")" && count="$(wc -l <<<"$failed")" &&
            ((count <= 3)); then
            core_ran="$ran" again_log="$WORK/core_suites_again.log"
            note "Odoo's own tests: run once more, alone: $(paste -sd' ' <<<"$failed")"
            odoo_tests "$again_log" "$(paste -sd, <<<"$failed")"
            if ! grep -qE 'FAIL:|ERROR:' "$again_log" && ((rc == 0)) && [[ "$ran" == "$count" ]]; then
                core_again="; failed once and passed alone: $(paste -sd' ' <<<"$failed")"
                ran="$core_ran"
            else
                rc=1
            fi
        fi
    fi
    if ((rc != 0)) && grep -qE 'FAIL:|ERROR:' "$core_log"; then
        result "Odoo's own tests" FAIL "FAIL/ERROR in $core_log${again_log:+ (again alone: $again_log)}"
    elif ((rc != 0)); then
        tail -n 40 "$core_log"
        result "Odoo's own tests" FAIL "odoo exited with $rc"
    elif [[ -z "$ran" || "$ran" == 0 ]]; then
        result "Odoo's own tests" FAIL "no test ran (tags $core_tags)"
    else
        result "Odoo's own tests" PASS "$ran test(s) of $CORE_SUITES, $((SECONDS - t0))s$core_again"
    fi
fi
db_drop "$DB" || note "WARNING: could not drop $DB"

# --------------------------------------------------------------------------
step "8. Install WITH demo data"
# --------------------------------------------------------------------------
DEMO_INSTALLED=0
if install_db "$DEMO_DB" "$WORK/install_demo.log" "install with demo data"; then
    DEMO_INSTALLED=1
    demo="$(db_query "$DEMO_DB" "SELECT bool_and(demo) FROM ir_module_module
        WHERE name IN ($ADDON_SQL_LIST)")"
    if [[ "$demo" != True ]]; then
        result "demo data loaded" FAIL "ir_module_module.demo is '$demo'"
    fi
fi

# odoo_shell DB ADDONS_PATH SCRIPT [VAR=VALUE...]: runs SCRIPT in odoo-bin shell
odoo_shell() {
    local db="$1" path="$2" script="$3"
    shift 3
    env "$@" "${ODOO_CMD[@]}" shell --addons-path="$path" --data-dir="$DATA_DIR" \
        "${ODOO_DB_ARGS[@]}" -d "$db" --no-http --log-level=warn <"$script"
}

# --------------------------------------------------------------------------
step "8b. Backup and restore (odoo-bin db dump, db load)"
# --------------------------------------------------------------------------
# The demo database, with bills and filed documents added, dumped as Odoo's
# database manager dumps it (SQL and filestore, zip), restored under another
# name: every row, file (by content), evidence trail and figure comes back.
RESTORED_DB="hcc_test_restored_$$_$RANDOM"
if ((DEMO_INSTALLED)); then
    t0=$SECONDS
    before="$WORK/backup_before.json" after="$WORK/backup_after.json"
    backup="$WORK/backup.zip" restore_log="$WORK/restore.log"
    db_drop "$RESTORED_DB"
    if odoo_shell "$DEMO_DB" "$ADDONS_PATH" tests/upgrade/seed.py &&
        odoo_shell "$DEMO_DB" "$ADDONS_PATH" tests/upgrade/snapshot.py HCC_SNAPSHOT="$before" &&
        "${ODOO_CMD[@]}" db --addons-path="$ADDONS_PATH" --data-dir="$DATA_DIR" \
            "${ODOO_DB_ARGS[@]}" dump "$DEMO_DB" "$backup" &&
        "${ODOO_CMD[@]}" db --addons-path="$ADDONS_PATH" --data-dir="$DATA_DIR" \
            "${ODOO_DB_ARGS[@]}" load "$RESTORED_DB" "$backup" >"$restore_log" 2>&1 &&
        "$PYTHON" tests/check_log.py "$restore_log" --allowlist "$ALLOWLIST" &&
        odoo_shell "$RESTORED_DB" "$ADDONS_PATH" tests/upgrade/snapshot.py HCC_SNAPSHOT="$after" &&
        "$PYTHON" tests/upgrade/compare.py "$before" "$after"; then
        result "backup and restore" PASS "$(du -h "$backup" | cut -f1) zip, $((SECONDS - t0))s"
    else
        result "backup and restore" FAIL "see above; logs in $WORK"
    fi
    db_drop "$RESTORED_DB" || note "WARNING: could not drop $RESTORED_DB"
else
    result "backup and restore" FAIL "not run: the demo install failed"
fi

# --------------------------------------------------------------------------
step "8c. Two Odoo servers on one database and one data directory"
# --------------------------------------------------------------------------
# As a county runs it behind a proxy (README, "Sizing, and more than one
# machine"): sessions move between servers, files uploaded through one are
# served by the other, each daily cron runs once between the two.
if ((DEMO_INSTALLED)); then
    t0=$SECONDS
    if "$PYTHON" tests/two_servers.py --db "$DEMO_DB" --addons-path "$ADDONS_PATH" \
        --data-dir "$DATA_DIR" --logs "$WORK/two_servers" -- "${ODOO_CMD[@]}"; then
        result "two servers" PASS "$((SECONDS - t0))s"
    else
        result "two servers" FAIL "see above; logs in $WORK/two_servers"
    fi
else
    result "two servers" FAIL "not run: the demo install failed"
fi
db_drop "$DEMO_DB" || note "WARNING: could not drop $DEMO_DB"

# --------------------------------------------------------------------------
step "9. hcc_contracts alone, then each other addon with it (demo data)"
# --------------------------------------------------------------------------
# No addon may need another optional one: a council leaves out the Procurement
# Act or the CQC addon where that law or regulator does not apply.
for addon in "${ADDON_NAMES[@]}"; do
    if [[ "$addon" == hcc_contracts ]]; then
        INSTALL=hcc_contracts
    else
        INSTALL="hcc_contracts,$addon"
    fi
    INSTALL="$INSTALL" install_db "$DEMO_DB" "$WORK/install_$addon.log" \
        "install $INSTALL alone" || true
    db_drop "$DEMO_DB" || note "WARNING: could not drop $DEMO_DB"
done

# --------------------------------------------------------------------------
step "10. Upgrade from each previous release (tests/upgrade/releases.txt)"
# --------------------------------------------------------------------------
# A council lives with a release for years: each release named in the file is
# installed with demo data and a few bills, its figures read, then it is
# upgraded to this tree, whose log must be clean, and its figures read again:
# a lost row or a changed figure fails, unless a migration changes it on
# purpose (tests/upgrade/expected_changes.txt).
UPGRADE_DB="hcc_test_upgrade_$$_$RANDOM"
while read -r release _rest; do
    [[ -z "$release" || "$release" == \#* ]] && continue
    label="upgrade from $release"
    old_tree="$WORK/release_$release"
    if ! git -c safe.directory="$REPO" -C "$REPO" cat-file -e "$release^{commit}" 2>/dev/null; then
        result "$label" FAIL "commit $release is not in this clone's history (a shallow clone?)"
        continue
    fi
    mkdir -p "$old_tree"
    git -c safe.directory="$REPO" -C "$REPO" archive "$release" addons | tar -x -C "$old_tree"
    old_names=()
    for manifest in "$old_tree"/addons/*/__manifest__.py; do
        old_names+=("$(basename "$(dirname "$manifest")")")
    done
    new_names=()
    for addon in "${ADDON_NAMES[@]}"; do
        [[ " ${old_names[*]} " == *" $addon "* ]] || new_names+=("$addon")
    done
    old_path="${ADDONS_PATH%,*},$old_tree/addons"
    t0=$SECONDS
    db_drop "$UPGRADE_DB"
    if ! "${ODOO_CMD[@]}" --addons-path="$old_path" --data-dir="$DATA_DIR" "${ODOO_DB_ARGS[@]}" \
        -d "$UPGRADE_DB" -i "$(IFS=,; echo "${old_names[*]}")" --stop-after-init --no-http \
        --max-cron-threads=0 --log-level=warn --logfile="$WORK/release_$release.log"; then
        tail -n 20 "$WORK/release_$release.log"
        result "$label" FAIL "the release did not install"
        continue
    fi
    before="$WORK/upgrade_${release}_before.json" after="$WORK/upgrade_${release}_after.json"
    if ! odoo_shell "$UPGRADE_DB" "$old_path" tests/upgrade/seed.py || ! odoo_shell "$UPGRADE_DB" \
        "$old_path" tests/upgrade/snapshot.py HCC_SNAPSHOT="$before" || [[ ! -s "$before" ]]; then
        result "$label" FAIL "could not read the release's figures"
        continue
    fi
    upgrade_log="$WORK/upgrade_$release.log"
    install_new=()
    ((${#new_names[@]})) && install_new=(-i "$(IFS=,; echo "${new_names[*]}")")
    if ! "${ODOO_CMD[@]}" "${ODOO_COMMON[@]}" -d "$UPGRADE_DB" -u all "${install_new[@]}" \
        --stop-after-init --no-http --max-cron-threads=0 --log-level=info \
        --logfile="$upgrade_log"; then
        tail -n 40 "$upgrade_log"
        result "$label" FAIL "odoo -u all exited with an error"
        continue
    fi
    grep -E 'Running migration' "$upgrade_log" | sed -E 's/.*(module [^ ]+: Running migration.*)/\1/' || true
    "$PYTHON" tests/check_log.py "$upgrade_log" --allowlist "$ALLOWLIST" ||
        result "$label: log clean" FAIL "WARNING/ERROR lines in $upgrade_log"
    if odoo_shell "$UPGRADE_DB" "$ADDONS_PATH" tests/upgrade/snapshot.py HCC_SNAPSHOT="$after" &&
        "$PYTHON" tests/upgrade/compare.py "$before" "$after" \
            --expected tests/upgrade/expected_changes.txt; then
        result "$label" PASS "rows and figures kept, $((SECONDS - t0))s"
    else
        result "$label" FAIL "rows or figures changed, see above"
    fi
done <tests/upgrade/releases.txt
db_drop "$UPGRADE_DB" || note "WARNING: could not drop $UPGRADE_DB"

print_summary
exit "$FAILED"
