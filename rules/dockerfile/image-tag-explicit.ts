import { rule } from '../rule';
import { imageLabel, pulledImages } from './_image';

export default rule({
  id: 'dockerfile/image-tag-explicit',
  kind: 'dockerfile',
  title: 'Base image has no tag or digest',
  severity: 'medium',
  rationale: 'A FROM without a tag or digest silently means `:latest`, whatever the registry points that tag at on the day of the build. Two builds of the same commit can then get different operating systems, libraries and vulnerabilities, and nobody reviewing the Dockerfile can tell which base image was approved. Name a specific version tag, and ideally pin its digest as well.',
  references: [
    'CIS Docker Benchmark 4.2: Ensure that containers use only trusted base images',
    'NIST SP 800-190 §4.1.5: Use of untrusted images',
    'NIST SP 800-190 §4.1.1: Image vulnerabilities',
  ],
  equivalents: { checkov: ['CKV_DOCKER_7'], hadolint: ['DL3006'], trivy: ['AVD-DS-0001'], kics: ['9efb0b2d-89c9-41a3-91ca-dcc0aec911fd'] },
  check({ model, report }) {
    for (const { image } of pulledImages(model)) {
      if (image.tag || image.digest !== null) continue;
      report(image.word, `Image ${imageLabel(image)} has no tag or digest, so it pulls whatever "latest" is at build time: pin a version tag (and a digest)`);
    }
  },
});
