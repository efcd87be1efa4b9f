import { readFileSync } from "node:fs";
import { join } from "node:path";

/** Where the default workload's source lives; shipped with the package beside this file. */
export const WORKLOAD_SOURCE = join(__dirname, "workload", "server.py");

export interface WorkloadOptions {
  /** Port the service listens on (the target group's port). */
  readonly port: number;
  /** Serve `POST /stress`, which burns CPU for a bounded time so scaling can be watched. */
  readonly stressEndpoint: boolean;
}

/**
 * User data that installs the default workload as a systemd service: the Python source is
 * embedded at synth time (nothing is fetched at boot, no token needed), runs as a throwaway
 * system user with a read-only view of the system (allowed to bind a port below 1024 only when
 * it must), and restarts if it dies.
 */
export function workloadUserData(options: WorkloadOptions): string {
  const source = readFileSync(WORKLOAD_SOURCE, "utf8");
  return `#!/bin/bash
# Installs the elastic web tier's default workload (modules/compute/workload/server.py).
set -euo pipefail
install -d -m 0755 /opt/webtier
cat > /opt/webtier/server.py <<'WEBTIER_SERVER_PY'
${source.trimEnd()}
WEBTIER_SERVER_PY
cat > /etc/systemd/system/webtier.service <<'WEBTIER_UNIT'
[Unit]
Description=Elastic web tier default workload
Wants=network-online.target
After=network-online.target

[Service]
Environment=APP_PORT=${options.port}
Environment=STRESS_ENABLED=${options.stressEndpoint ? 1 : 0}
ExecStart=/usr/bin/python3 /opt/webtier/server.py
DynamicUser=yes${options.port < 1024 ? "\nAmbientCapabilities=CAP_NET_BIND_SERVICE" : ""}
NoNewPrivileges=yes
ProtectSystem=strict
ProtectHome=yes
PrivateTmp=yes
Restart=always
RestartSec=2

[Install]
WantedBy=multi-user.target
WEBTIER_UNIT
systemctl daemon-reload
systemctl enable --now webtier.service
`;
}
