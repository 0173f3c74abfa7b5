/** Shared reading of FROM for the image-* rules: which base images are pulled from a registry, and how to name them. */
import type { DockerfileModel, ImageRef, Stage } from '../../server/src/dockerfile/model';

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

/** How a message names the image: as written, plus what it resolves to when variables are involved. */
export function imageLabel(image: ImageRef): string {
  const written = image.word.value;
  return written === image.expanded ? written : `${written} (${image.expanded})`;
}
