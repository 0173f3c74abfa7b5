/**
 * Shared reading of FROM for the image rules: which base images are pulled from a registry, how to name them, and
 * what is known of an image's userland (a full distribution, Alpine, Windows …).
 */
import { stageChain, type DockerfileModel, type ImageRef, type Stage } from '../../server/src/dockerfile/model';
import { remembered } from '../../server/src/engine/memo';

export interface PulledImage { stage: Stage; image: ImageRef }

/**
 * Every FROM that pulls an image from a registry and whose reference is known: not `scratch`, not an earlier
 * stage, and not built from a variable that has no value (the reference is then only known at build time).
 */
export function pulledImages(model: DockerfileModel): PulledImage[] {
  const out: PulledImage[] = [];
  for (const stage of model.stages) {
    const image = stage.image;
    if (!image || image.scratch || image.stageRef || image.unresolved || !image.name) continue;
    out.push({ stage, image });
  }
  return out;
}

/**
 * The registry image at the root of a stage's FROM chain (`FROM builder` followed to the image builder is built on);
 * null for scratch and for a reference that depends on a variable without a value.
 */
export function rootImage(stage: Stage): ImageRef | null {
  const chain = stageChain(stage);
  const image = chain[chain.length - 1].image;
  return image && !image.stageRef && !image.scratch && !image.unresolved && image.name ? image : null;
}

/** How a message names a stage: its alias, or its number. */
export function stageLabel(s: Stage): string {
  return s.alias ? `"${s.alias.value}"` : `#${s.index + 1}`;
}

/** How a message names the image: as written, plus what it resolves to when variables are involved. */
export function imageLabel(image: ImageRef): string {
  const written = image.word.value;
  return written === image.expanded ? written : `${written} (${image.expanded})`;
}

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
/**
 * Readings of an image reference that depend only on its name, tag and whether it has a digest, kept across
 * documents: the same few references (node:20, debian:12-slim …) come back in every Dockerfile.
 */
const imageKey = (image: ImageRef) => `${image.name}\n${image.tag ?? ''}\n${image.digest === null ? '' : '@'}`;

export const fullDistribution: (image: ImageRef) => string | null = remembered(readDistribution, imageKey);

function readDistribution(image: ImageRef): string | null {
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

/**
 * What an image reference tells of the userland, for rules that depend on the shell (dockerfile/pipefail):
 * 'windows' (cmd or PowerShell, no POSIX shell), 'alpine' (BusyBox ash as /bin/sh and /bin/ash, no bash), 'bash'
 * (known to have /bin/bash: the full distributions of this file's table, and the -slim variants of the Debian-based
 * ones, since bash is an essential package in Debian), or null when it is not known.
 */
export const imageUserland: (image: ImageRef) => 'windows' | 'alpine' | 'bash' | null = remembered(readUserland, imageKey);

function readUserland(image: ImageRef): 'windows' | 'alpine' | 'bash' | null {
  const repo = repository(image);
  const words = (image.tag ?? '').toLowerCase().split(/[-_]/);
  if (/(^|\/)windows(\/|$)/.test(repo) || words.some(w => WINDOWS_TAG.test(w))) return 'windows';
  if (repo === 'alpine' || words.some(w => /^alpine[\d.]*$/.test(w))) return 'alpine';
  if (fullDistribution(image) !== null) return 'bash';
  if (!words.includes('slim')) return null;
  const distro = fullDistribution({ ...image, tag: words.filter(w => w !== 'slim').join('-') });
  return distro === 'Debian' || distro === 'Ubuntu' ? 'bash' : null;
}
