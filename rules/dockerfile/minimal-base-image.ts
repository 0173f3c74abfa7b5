import { rule } from '../rule';
import { stageChain, type ImageRef, type Stage } from '../../server/src/dockerfile/model';
import { imageLabel } from './_image';

/**
 * Repositories whose images (or whose default variants) are a full distribution userland: a shell, a package
 * manager and far more packages than an application needs. The value names the distribution of the default
 * variant, or null when it depends on the tag (e.g. openjdk: Debian for old releases, Oracle Linux for new ones).
 * Names are compared after dropping the Docker Hub prefixes (see repository()). Anything not listed is never
 * reported: an unknown image may be minimal.
 */
const FULL: Record<string, string | null> = {
  // distribution images, under their Docker Hub name and their publisher's own registry
  'ubuntu': 'Ubuntu',
  'debian': 'Debian', // the -slim tags are the minimal variant (see MINIMAL_TAG)
  'centos': 'CentOS',
  'quay.io/centos/centos': 'CentOS Stream',
  'fedora': 'Fedora',
  'registry.fedoraproject.org/fedora': 'Fedora', // fedora-minimal is another repository
  'rockylinux': 'Rocky Linux', // 9-minimal is minimal (tag)
  'rockylinux/rockylinux': 'Rocky Linux',
  'almalinux': 'AlmaLinux', // 9-minimal, 9-micro are minimal (tag)
  'amazonlinux': 'Amazon Linux', // 2023-minimal is minimal (tag)
  'public.ecr.aws/amazonlinux/amazonlinux': 'Amazon Linux',
  'oraclelinux': 'Oracle Linux', // 9-slim is minimal (tag)
  'container-registry.oracle.com/os/oraclelinux': 'Oracle Linux',
  'opensuse/leap': 'openSUSE Leap',
  'opensuse/tumbleweed': 'openSUSE Tumbleweed',
  'registry.opensuse.org/opensuse/leap': 'openSUSE Leap',
  'registry.opensuse.org/opensuse/tumbleweed': 'openSUSE Tumbleweed',
  'registry.suse.com/bci/bci-base': 'SUSE Linux Enterprise', // bci-minimal and bci-micro are the small ones
  'archlinux': 'Arch Linux',
  'archlinux/archlinux': 'Arch Linux',
  // Red Hat Universal Base Image, standard variant only (ubi9/ubi-minimal and ubi9/ubi-micro are other repositories)
  ...Object.fromEntries([7, 8, 9, 10].flatMap(v => [
    `registry.access.redhat.com/ubi${v}`, `registry.access.redhat.com/ubi${v}/ubi`,
    `registry.redhat.io/ubi${v}`, `registry.redhat.io/ubi${v}/ubi`, `redhat/ubi${v}`,
  ].map(name => [name, 'Red Hat UBI']))),
  // official language images whose default variant is built on buildpack-deps (a full Debian with compilers)
  // or on a full distribution image; their -slim / -alpine variants are the minimal ones
  'node': 'Debian',
  'python': 'Debian',
  'ruby': 'Debian',
  'golang': 'Debian',
  'php': 'Debian', // every variant but -alpine (cli, fpm, apache, zts) keeps apt and the phpize compilers
  'perl': 'Debian',
  'rust': 'Debian',
  'elixir': 'Debian',
  'erlang': 'Debian',
  'haskell': 'Debian',
  'gcc': 'Debian',
  'buildpack-deps': 'Debian', // the full base of the images above (its ubuntu-codename tags: see OS_TAG)
  'eclipse-temurin': 'Ubuntu',
  'amazoncorretto': 'Amazon Linux',
  'openjdk': null, // Debian for older releases, Oracle Linux for later ones
  'maven': null, // follows the JDK image named in the tag
  'gradle': null,
};

/** Tag words of the minimal variants (`20-slim`, `bookworm-slim`, `3.12-alpine3.20`, `9-minimal`, `8.0-jammy-chiseled` …). */
const MINIMAL_TAG = /^(slim|alpine[\d.]*|distroless|minimal|micro|chiseled|chiselled|busybox)$/;
/** Tag words of Windows variants: not a Linux userland, not judged here. */
const WINDOWS_TAG = /^(windowsservercore|nanoserver|ltsc\d+)$/;
/** Tag words that name the distribution of a variant (`node:20-bookworm`, `maven:3-eclipse-temurin-21-jammy` …). */
const OS_TAG: [RegExp, string][] = [
  [/^(debian|jessie|stretch|buster|bullseye|bookworm|trixie|sid)$/, 'Debian'],
  [/^(ubuntu|xenial|bionic|focal|jammy|noble|eclipse|temurin)$/, 'Ubuntu'], // eclipse-temurin is built on ubuntu
  [/^oraclelinux\d*$/, 'Oracle Linux'],
  [/^(amazonlinux\d*|al2|al2023|amazoncorretto|corretto)$/, 'Amazon Linux'], // so is amazoncorretto, on Amazon Linux
  [/^ubi\d*$/, 'Red Hat UBI'],
  [/^centos\d*$/, 'CentOS'],
];

/** Docker Hub's default registry and namespace, and the public mirrors of its official images. */
const HUB_PREFIX = /^(docker\.io\/|index\.docker\.io\/|registry-1\.docker\.io\/|mirror\.gcr\.io\/|public\.ecr\.aws\/docker\/)?(library\/)?/;

function repository(image: ImageRef): string {
  return image.name.toLowerCase().replace(HUB_PREFIX, '');
}

/** The distribution a full image is built on ('' when not known), or null when the image is not known to be full. */
function fullDistribution(image: ImageRef): string | null {
  const repo = repository(image);
  if (!Object.prototype.hasOwnProperty.call(FULL, repo)) return null;
  // a digest without a tag may be any variant of the repository, minimal ones included
  if (image.tag === null && image.digest !== null) return null;
  const words = (image.tag ?? '').toLowerCase().split(/[-_]/);
  if (words.some(w => MINIMAL_TAG.test(w) || WINDOWS_TAG.test(w))) return null;
  for (let i = words.length - 1; i >= 0; i--) {
    const os = OS_TAG.find(([re]) => re.test(words[i]));
    if (os) return os[1];
  }
  return FULL[repo] ?? '';
}

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
    const root = chain[chain.length - 1];
    const image = root.image;
    if (!image || image.scratch || image.stageRef || image.unresolved || !image.name) return;
    const distro = fullDistribution(image);
    if (distro === null) return;
    const through = chain.slice(1).map(stageName);
    const via = through.length ? ` (through stage${through.length > 1 ? 's' : ''} ${through.join(' → ')})` : '';
    report(image.word, `The final image is built on ${imageLabel(image)}${via}, a full ${distro || 'Linux distribution'} userland with a shell and a package manager that the application does not need at run time: build on a minimal image (distroless, a -slim or -alpine variant, or scratch for a static binary)`, {
      related: chain.slice(0, -1).map(s => ({
        span: s.image!.word,
        message: `${s === final ? 'The final stage' : `Stage ${stageName(s)}`} is built on stage ${stageName(s.image!.stageRef!)}`,
      })),
    });
  },
});

function stageName(s: Stage): string {
  return s.alias ? `"${s.alias.value}"` : `#${s.index + 1}`;
}
