import { rule } from '../rule';
import { imageLabel, pulledImages } from './_image';

export default rule({
  id: 'dockerfile/image-no-latest',
  kind: 'dockerfile',
  title: 'Base image uses the latest tag',
  severity: 'medium',
  rationale: 'The `latest` tag is moved by the image publisher with every release, so a Dockerfile that names it builds on a different base image from one week to the next, including major-version jumps that nobody reviewed. Rebuilds stop being reproducible and a compromised or broken upstream release is picked up automatically. Name a version tag and pin its digest. A reference that already carries a digest is pinned, so the tag next to it is not reported.',
  references: [
    'CIS Docker Benchmark 4.2: Ensure that containers use only trusted base images',
    'NIST SP 800-190 §4.1.5: Use of untrusted images',
    'NIST SP 800-190 §4.1.1: Image vulnerabilities',
  ],
  equivalents: { checkov: ['CKV_DOCKER_7'], hadolint: ['DL3007'], trivy: ['AVD-DS-0001'], kics: ['f45ea400-6bbe-4501-9fc7-1c3d75c32067'] },
  check({ model, report }) {
    for (const { image } of pulledImages(model)) {
      if (image.tag !== 'latest' || image.digest !== null) continue;
      // the tag itself when written literally (after the colon), else the whole word that a variable expands to it
      const span = image.tagSpan ? { start: image.tagSpan.start + 1, end: image.tagSpan.end } : image.word;
      report(span, `Image ${imageLabel(image)} uses the "latest" tag, which the publisher moves with every release: pin a version tag (and a digest)`);
    }
  },
});
