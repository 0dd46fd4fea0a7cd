// Catwalk's language server: `node dist/server.js --stdio` (any editor), or
// started by the VS Code extension over node IPC. The transport comes from the
// command line (--stdio, --node-ipc, --socket=N). Nothing may print to stdout:
// with --stdio it is the protocol channel.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './catalogServer';

startServer(createConnection(ProposedFeatures.all));
