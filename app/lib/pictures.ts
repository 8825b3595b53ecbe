/**
 * Pictures people upload (request photos, pictures in posts, avatars, the city's logo): at most
 * this size, JPEG/PNG/WebP only, checked by their bytes on the server. A module of its own so the
 * browser gets these two values without the forms that use them.
 */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
