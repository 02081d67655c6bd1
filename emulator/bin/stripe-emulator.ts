#!/usr/bin/env -S node --import tsx
// The package's `stripe-emulator` command: the same CLI as `npm run emulator`.
import '../src/cli.js';
