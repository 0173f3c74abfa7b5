/** Entry point of the language server: `node main.js --stdio` (or --node-ipc, --socket=N). */
import { startServer } from './server';

startServer();
