import { rule } from '../rule';
import { addSources } from './_add';

export default rule({
  id: 'dockerfile/no-add-url',
  kind: 'dockerfile',
  title: 'ADD downloads a URL without a checksum',
  severity: 'medium',
  rationale: 'ADD with an http(s) URL builds whatever the server returns on the day of the build into the image: a compromised server, a hijacked domain, a man in the middle (over plain HTTP) or a silently replaced release all end up in production without any change to the Dockerfile. Add `--checksum=sha256:<digest>` so that the build fails when the content changes, or download in a RUN and verify the digest or signature there. A Git URL is pinned when it names a full commit.',
  references: [
    'CIS Docker Benchmark 4.9: Ensure that COPY is used instead of ADD in Dockerfiles',
    'NIST SP 800-190 §4.1.3: Embedded malware',
    'NIST SP 800-190 §4.1.5: Use of untrusted images',
  ],
  equivalents: { kics: ['4b410d24-1cbe-4430-a632-62c9a931cf1c'] },
  check({ model, report }) {
    for (const ins of model.all('ADD')) {
      if (ins.flags.some(f => f.name === 'checksum')) continue;
      for (const s of addSources(model, ins)) {
        if (!s.url || !/^https?:\/\//i.test(s.value!)) continue;
        const shown = s.word.value;
        if (s.git) {
          if (/#[0-9a-f]{40}(:.*)?$/i.test(s.value!)) continue; // pinned to a commit
          report(s.word, `ADD clones ${shown} at a branch or tag that can move: pin a full commit (${s.value!.replace(/#.*$/, '')}#<commit sha>)`);
          continue;
        }
        const plain = /^http:/i.test(s.value!) ? ' over plain HTTP' : '';
        report(s.word, `ADD downloads ${shown}${plain} without --checksum, so whatever the server returns goes into the image: add \`--checksum=sha256:<digest>\` or download and verify it in a RUN`);
      }
    }
  },
});
