import type { FileKind } from './types';

/** Recognises a file's kind from its name (and later its content). */
export function detectKind(fileName: string, _text?: string): FileKind | null {
  const base = fileName.replace(/\\/g, '/').split('/').pop() ?? '';
  const lower = base.toLowerCase();
  if (lower === 'dockerfile' || lower === 'containerfile' || lower.endsWith('.dockerfile') || lower.endsWith('.containerfile') ||
      lower.startsWith('dockerfile.') || lower.startsWith('containerfile.')) {
    // Dockerfile.dockerignore-like companions are not Dockerfiles
    if (lower.endsWith('.dockerignore') || lower.endsWith('.md')) return null;
    return 'dockerfile';
  }
  return null;
}
