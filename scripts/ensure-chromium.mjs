// Makes sure Debian's Chromium is there for the browser tests: installs it with apt when missing
// (as root, or with sudo), and fails loudly otherwise. Never downloads a browser build.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(path)) {
  console.log(`chromium: ${path}`);
  process.exit(0);
}
const root = process.getuid?.() === 0;
const sudo = root ? '' : 'sudo ';
console.log(`chromium: not found at ${path}; installing Debian's chromium with apt-get (about a minute)`);
try {
  execSync(`${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core`, { stdio: 'inherit' });
} catch {
  console.error('chromium: the install failed. Install it yourself (apt-get install -y --no-install-recommends chromium fonts-dejavu-core) or set CHROMIUM_PATH; the browser tests cannot run without it.');
  process.exit(1);
}
if (!existsSync(path)) {
  console.error(`chromium: installed, but ${path} is still missing; set CHROMIUM_PATH to the browser's path.`);
  process.exit(1);
}
console.log(`chromium: installed at ${path}`);
