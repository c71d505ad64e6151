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

  it('turn a malformed % escape into a broken route instead of throwing', () => {
    const route = parseRoute('#/lesson/request%E0%A4%A/1');
    expect(route.page).toBe('broken');
    expect(routeHref(route)).toBe('#/');
  });
});
