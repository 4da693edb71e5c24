/** A rectangle in image pixels, as the cropper reports the area the user framed. */
export interface Area {
  left: number
  top: number
  width: number
  height: number
}

/** What to draw: a square of the image (`sx`, `sy`, `size`) scaled to `output` × `output`. */
export interface SquareCrop {
  sx: number
  sy: number
  size: number
  output: number
}

/** Avatars are shown at most a few hundred pixels wide; larger only costs upload time. */
export const AVATAR_SIZE = 512

/**
 * The square to cut from an image of `width` × `height` for the framed `area`: its shorter side,
 * centred on the area, moved back inside the image, and never scaled up past its own size.
 */
export function squareCrop(area: Area, width: number, height: number, max = AVATAR_SIZE): SquareCrop {
  const size = Math.max(1, Math.floor(Math.min(area.width, area.height, width, height)))
  const centreX = area.left + area.width / 2
  const centreY = area.top + area.height / 2
  const clamp = (value: number, limit: number) => Math.round(Math.min(Math.max(value, 0), limit - size))
  return {
    sx: clamp(centreX - size / 2, width),
    sy: clamp(centreY - size / 2, height),
    size,
    output: Math.min(size, max),
  }
}

/** Draws the crop of `image` onto a square canvas and encodes it (JPEG unless told otherwise). */
export async function cropImage(
  image: CanvasImageSource & { naturalWidth: number; naturalHeight: number },
  area: Area,
  type = 'image/jpeg',
): Promise<Uint8Array> {
  const crop = squareCrop(area, image.naturalWidth, image.naturalHeight)
  const canvas = document.createElement('canvas')
  canvas.width = crop.output
  canvas.height = crop.output
  const context = canvas.getContext('2d')
  if (!context) throw new Error('canvas')
  // A transparent PNG would turn black as a JPEG.
  context.fillStyle = '#fff'
  context.fillRect(0, 0, crop.output, crop.output)
  context.drawImage(image, crop.sx, crop.sy, crop.size, crop.size, 0, 0, crop.output, crop.output)
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, type, 0.9))
  if (!blob) throw new Error('canvas')
  return new Uint8Array(await blob.arrayBuffer())
}

/** Loads a picture (the chosen file as a data URL) to draw from. */
export function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image()
    image.onload = () => resolve(image)
    image.onerror = () => reject(new Error('image'))
    image.src = url
  })
}
