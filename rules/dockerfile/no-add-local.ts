import { rule } from '../rule';
import { addSources, isArchiveName } from './_add';

export default rule({
  id: 'dockerfile/no-add-local',
  kind: 'dockerfile',
  title: 'ADD used for local files (use COPY)',
  severity: 'low',
  rationale: 'ADD does more than copy: it unpacks local tar archives and fetches URLs. Used for plain local files it hides that behaviour from reviewers, and a file that happens to be a tarball (or is replaced by one) is silently extracted into the image instead of copied. COPY does only what it says. Keep ADD for the rare case where unpacking a local archive is the point; such an ADD is reported at info level, since turning it into COPY would change what the image contains.',
  references: ['CIS Docker Benchmark 4.9: Ensure that COPY is used instead of ADD in Dockerfiles', 'NIST SP 800-190 §4.1.2: Image configuration defects'],
  equivalents: { checkov: ['CKV_DOCKER_4'], hadolint: ['DL3020'], trivy: ['AVD-DS-0005'], kics: ['9513a694-aa0d-41d8-be61-3271e056f36b'] },
  fix: { description: 'Replace ADD with COPY (not offered when a source is an archive that ADD unpacks)', safety: 'safe' },
  check({ model, report }) {
    for (const ins of model.all('ADD')) {
      const sources = addSources(model, ins);
      // only local sources whose value is known: a URL or an unresolved variable is not this rule's business
      if (!sources.length || sources.some(s => s.url || s.value === null)) continue;
      const archive = sources.find(s => isArchiveName(s.value!));
      if (archive) {
        const shown = archive.word.value === archive.value ? archive.value : `${archive.word.value} (${archive.value})`;
        report(ins.keywordSpan, `ADD unpacks the archive ${shown} into the image; COPY would copy the file as it is. If unpacking is intended, keep ADD; otherwise use COPY`, { severity: 'info' });
        continue;
      }
      const adOnly = ins.flags.some(f => f.name === 'checksum' || f.name === 'keep-git-dir' || f.name === 'unpack');
      const kw = model.text.slice(ins.keywordSpan.start, ins.keywordSpan.end);
      report(ins.keywordSpan, 'ADD of local files: use COPY, which copies without unpacking archives or fetching URLs', {
        fix: adOnly ? undefined : () => ({ title: 'Replace ADD with COPY', safety: 'safe', edits: [{ ...ins.keywordSpan, newText: kw === kw.toLowerCase() ? 'copy' : 'COPY' }] }),
      });
    }
  },
});
