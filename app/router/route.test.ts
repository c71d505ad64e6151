import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref } from './route';

describe('routes', () => {
  it('read a share link from the hash, keeping lz-string’s + and $ as they are', () => {
    const route = parseRoute('#/lesson/request-reply/2?share=N4Ig+b$c-d');
    expect(route).toEqual({ page: 'lesson', lessonId: 'request-reply', step: 2, share: 'N4Ig+b$c-d' });
    expect(routeHref(route)).toBe('#/lesson/request-reply/2?share=N4Ig+b$c-d');
  });

  it('leave plain lesson links unchanged', () => {
    expect(parseRoute('#/lesson/request-reply/3')).toEqual({
      page: 'lesson',
      lessonId: 'request-reply',
      step: 3,
    });
    expect(parseRoute('#/')).toEqual({ page: 'course' });
  });

  it('read the sandbox routes: the latest, one by id, and a shared one', () => {
    expect(parseRoute('#/sandbox')).toEqual({ page: 'sandbox' });
    expect(parseRoute('#/sandbox/3fa9c2d1')).toEqual({ page: 'sandbox', sandboxId: '3fa9c2d1' });
    const shared = parseRoute('#/sandbox?share=N4Ig+b$c');
    expect(shared).toEqual({ page: 'sandbox', share: 'N4Ig+b$c' });
    expect(routeHref(shared)).toBe('#/sandbox?share=N4Ig+b$c');
    expect(routeHref({ page: 'sandbox', sandboxId: '3fa9c2d1' })).toBe('#/sandbox/3fa9c2d1');
  });

  it('turn a malformed % escape into a broken route instead of throwing', () => {
    const route = parseRoute('#/lesson/request%E0%A4%A/1');
    expect(route.page).toBe('broken');
    expect(routeHref(route)).toBe('#/');
  });
});
