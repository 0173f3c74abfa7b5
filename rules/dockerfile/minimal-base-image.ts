import { rule } from '../rule';
import { stageChain } from '../../server/src/dockerfile/model';
import { fullDistribution, imageLabel, rootImage, stageLabel } from './_image';

export default rule({
  id: 'dockerfile/minimal-base-image',
  kind: 'dockerfile',
  title: 'Final image built on a full distribution',
  severity: 'low',
  rationale: 'The base image of the final stage ships with the application. A full distribution image (ubuntu, debian, centos, fedora, UBI …) or the default variant of a language image (node, python, golang, ruby, openjdk … built on a complete Debian or Ubuntu, often with compilers) brings a shell, a package manager and hundreds of packages that the application never uses. Each of them adds vulnerabilities to scan and patch, and an attacker who gets code execution in the container finds the tools to download, build and run whatever comes next. Build on a minimal image instead: distroless, a -slim or -alpine variant, UBI minimal or micro, or scratch for a static binary; a full image can stay in the build stages. The rule follows the final stage through the stages it is built on (`FROM builder`) to the registry image, and reports only images it knows to be full: unknown images, `scratch` and references that depend on a variable without a value are not reported. Images that are meant to be full (a development container, a CI toolbox) can keep a `# rampart-ignore` comment.',
  references: [
    'CIS Docker Benchmark 4.3: Ensure that unnecessary packages are not installed in the container',
    'NIST SP 800-190 §4.1.1: Image vulnerabilities',
  ],
  equivalents: {},
  check({ model, report }) {
    const final = model.finalStage;
    if (!final) return;
    const chain = stageChain(final);
    const image = rootImage(final);
    if (!image) return;
    const distro = fullDistribution(image);
    if (distro === null) return;
    const through = chain.slice(1).map(stageLabel);
    const via = through.length ? ` (through stage${through.length > 1 ? 's' : ''} ${through.join(' → ')})` : '';
    report(image.word, `The final image is built on ${imageLabel(image)}${via}, a full ${distro || 'Linux distribution'} userland with a shell and a package manager that the application does not need at run time: build on a minimal image (distroless, a -slim or -alpine variant, or scratch for a static binary)`, {
      related: chain.slice(0, -1).map(s => ({
        span: s.image!.word,
        message: `${s === final ? 'The final stage' : `Stage ${stageLabel(s)}`} is built on stage ${stageLabel(s.image!.stageRef!)}`,
      })),
    });
  },
});
