import { rule } from '../rule';
import { imageLabel, pulledImages } from './_image';

export default rule({
  id: 'dockerfile/image-digest-pinned',
  kind: 'dockerfile',
  title: 'Base image is not pinned by digest',
  severity: 'low',
  rationale: 'Even a precise version tag such as `node:20.15.1-bookworm-slim` is mutable: the publisher re-pushes it for rebuilds, and anyone who can push to the repository can replace it. Only a content digest (`@sha256:…`) guarantees that every build starts from the exact image that was reviewed and scanned. Pin the digest next to the tag (the tag stays as documentation) and let a bot such as Renovate or Dependabot update both. Untagged and `latest` references are reported by image-tag-explicit and image-no-latest instead.',
  references: [
    'CIS Docker Benchmark 4.2: Ensure that containers use only trusted base images',
    'NIST SP 800-190 §4.1.5: Use of untrusted images',
  ],
  equivalents: {},
  check({ model, report }) {
    for (const { image } of pulledImages(model)) {
      if (image.digest !== null || !image.tag || image.tag === 'latest') continue;
      report(image.word, `Image ${imageLabel(image)} is pinned by tag only, and tags can be re-pushed: add its digest (@sha256:…) so that every build uses the same image`);
    }
  },
});
