import { afterEach, describe, expect, it, vi } from 'vitest'
import { cropImage, squareCrop } from './avatarCrop'
import { isMainlandId, isPhone } from './formRules'

describe('Avatar crop', () => {
  it('cuts a square from whatever area was framed, inside the image', () => {
    // A wide frame on a landscape photo: the square takes the frame's height, centred.
    expect(squareCrop({ left: 100, top: 50, width: 800, height: 600 }, 1600, 1200)).toEqual({
      sx: 200,
      sy: 50,
      size: 600,
      // Avatars are at most 512 px square.
      output: 512,
    })
    // A frame hanging off the right edge is pulled back in.
    expect(squareCrop({ left: 900, top: 0, width: 400, height: 400 }, 1000, 500)).toEqual({
      sx: 600,
      sy: 0,
      size: 400,
      output: 400,
    })
    // A small image is never scaled up, and a frame larger than it shrinks to fit.
    expect(squareCrop({ left: -10, top: -10, width: 300, height: 300 }, 120, 80)).toEqual({
      sx: 40,
      sy: 0,
      size: 80,
      output: 80,
    })
  })

  it('draws the square onto a square canvas and encodes it', async () => {
    const drawImage = vi.fn()
    const context = { fillRect: vi.fn(), drawImage, fillStyle: '' }
    const canvases: HTMLCanvasElement[] = []
    const create = document.createElement.bind(document)
    vi.spyOn(document, 'createElement').mockImplementation((tag: string) => {
      const element = create(tag)
      if (tag === 'canvas') {
        const canvas = element as HTMLCanvasElement
        canvases.push(canvas)
        canvas.getContext = (() => context) as unknown as HTMLCanvasElement['getContext']
        canvas.toBlob = (done: BlobCallback, type?: string) => done(new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type }))
      }
      return element
    })
    const image = { naturalWidth: 3000, naturalHeight: 2000 } as unknown as HTMLImageElement
    const bytes = await cropImage(image, { left: 500, top: 200, width: 1500, height: 1500 })
    expect([...bytes]).toEqual([0xff, 0xd8, 0xff])
    expect([canvases[0].width, canvases[0].height]).toEqual([512, 512])
    expect(drawImage).toHaveBeenCalledWith(image, 500, 200, 1500, 1500, 0, 0, 512, 512)
  })
})

describe('Form checks', () => {
  it('accepts a mainland identity number only with its check character', () => {
    const today = new Date(Date.UTC(2025, 5, 1))
    expect(isMainlandId('110105199005201236', today)).toBe(true)
    expect(isMainlandId('11010519491001004x', today)).toBe(true)
    expect(isMainlandId('110105199005201230', today)).toBe(false)
    expect(isMainlandId('110105199002301234', today)).toBe(false)
    expect(isMainlandId('11010519900520123', today)).toBe(false)
  })

  it('checks a mobile number by its area code', () => {
    expect(isPhone('+86', '13800000001')).toBe(true)
    expect(isPhone('+86', '23800000001')).toBe(false)
    expect(isPhone('+86', '1380000000')).toBe(false)
    expect(isPhone('+852', '91234567')).toBe(true)
    expect(isPhone('+852', '9123')).toBe(false)
  })
})

afterEach(() => vi.restoreAllMocks())
