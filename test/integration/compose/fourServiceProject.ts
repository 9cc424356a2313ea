// The 4-service project of the compose integration tests, written as a real compose.yaml (with
// env files and a build context) in a new temporary folder: a one-shot init that seeds a named
// volume (service_completed_successfully), a healthchecked db on that volume (service_healthy),
// a built web server on two networks with a published port, and a worker after web.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BASE_IMAGE, TEST_LABEL } from '../../support/engine';

export interface ComposeFolder {
  readonly dir: string;
  readonly file: string;
  /** The environment the file is interpolated with (WEB_PORT, GREETING). */
  readonly environment: Record<string, string>;
}

export function writeFourServiceProject(runId: string, webPort: number, greeting = 'hello'): ComposeFolder {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dh-compose-'));
  const label = `{ ${TEST_LABEL}: ${runId} }`;
  mkdirSync(path.join(dir, 'web'));
  writeFileSync(path.join(dir, 'web', 'Dockerfile'), `FROM ${BASE_IMAGE}\nRUN mkdir -p /www && echo hello from web > /www/index.html\n`);
  writeFileSync(path.join(dir, 'db.env'), 'DB_NAME=shop\n# a comment\nDB_USER=admin\n');
  writeFileSync(path.join(dir, 'web.env'), 'WEB_MODE=production\n');
  const file = path.join(dir, 'compose.yaml');
  writeFileSync(file, `services:
  init:
    image: ${BASE_IMAGE}
    command: ["sh", "-c", "echo seeding; echo seeded > /data/seeded"]
    volumes: ["data:/data"]
    networks: [back]
    labels: ${label}
  db:
    image: ${BASE_IMAGE}
    command: ["sleep", "600"]
    env_file: [db.env]
    volumes: ["data:/data"]
    networks:
      back:
        aliases: [database]
    healthcheck:
      test: ["CMD", "test", "-f", "/data/seeded"]
      interval: 1s
      timeout: 2s
      retries: 20
    depends_on:
      init:
        condition: service_completed_successfully
    stop_grace_period: 1s
    labels: ${label}
  web:
    build:
      context: ./web
      labels: ${label}
    command: ["httpd", "-f", "-p", "8080", "-h", "/www"]
    env_file: [web.env]
    environment:
      DB_HOST: database
    ports: ["\${WEB_PORT}:8080"]
    networks: [front, back]
    depends_on:
      db:
        condition: service_healthy
    stop_grace_period: 1s
    labels: ${label}
  worker:
    image: ${BASE_IMAGE}
    command: ["sleep", "600"]
    environment:
      GREETING: \${GREETING:-hello}
    networks: [front]
    depends_on: [web]
    stop_grace_period: 1s
    labels: ${label}
volumes:
  data:
    labels: ${label}
networks:
  front:
    labels: ${label}
  back:
    labels: ${label}
`);
  return { dir, file, environment: { WEB_PORT: String(webPort), GREETING: greeting } };
}
