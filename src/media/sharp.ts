// sharp (libvips, ~30 MB resident) loads on the first image upload or rendition, not at start:
// a gateway that only serves text never pays for it.
type SharpModule = typeof import('sharp');

let loading: Promise<SharpModule['default']> | undefined;

export function loadSharp(): Promise<SharpModule['default']> {
  loading ??= import('sharp').then((module) => module.default);
  return loading;
}
