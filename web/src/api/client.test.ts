import { describe, expect, it } from 'vitest';
import { ApiError, apiUrl, errorFromException, parseErrorResponse } from './client';

describe('parseErrorResponse', () => {
  it("keeps the server's code and Chinese message", () => {
    const error = parseErrorResponse(400, '{"code":"bad_param","message":"page_size 必须在 1 到 100 之间"}');
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('bad_param');
    expect(error.message).toBe('page_size 必须在 1 到 100 之间');
    expect(error.status).toBe(400);
  });

  it('falls back to a Chinese message for a body that is not JSON', () => {
    const error = parseErrorResponse(502, '<html><body>Bad Gateway</body></html>');
    expect(error.code).toBe('http_502');
    expect(error.message).toBe('服务器暂时无法响应，请稍后重试');
  });

  it('falls back when the message is missing or blank', () => {
    expect(parseErrorResponse(404, '{"code":"not_found"}').message).toBe('您要找的内容不存在或已被删除');
    expect(parseErrorResponse(404, '{"code":"not_found","message":"  "}').code).toBe('not_found');
    expect(parseErrorResponse(429, '').message).toBe('访问太频繁，请稍后再试');
  });

  it("uses the route's message for a code the server sent without a message", () => {
    const messages = { otp_wrong: (e: ApiError) => `还可以再试 ${e.attemptsLeft} 次`, not_found: '没有找到这张回执' };
    expect(parseErrorResponse(404, '{"code":"not_found"}', messages).message).toBe('没有找到这张回执');
    expect(parseErrorResponse(401, '{"code":"otp_wrong","attempts_left":3}', messages).message).toBe('还可以再试 3 次');
    expect(parseErrorResponse(400, '{"code":"toString"}', messages).message).toBe('请求有误，请返回后重试');
    expect(parseErrorResponse(429, '{"code":"otp_cooldown","retry_after":12.2}').retryAfter).toBe(13);
  });

  it('ignores JSON that is not an object', () => {
    expect(parseErrorResponse(500, '"oops"').message).toBe('服务器暂时无法响应，请稍后重试');
    expect(parseErrorResponse(500, 'null').code).toBe('http_500');
  });
});

describe('errorFromException', () => {
  it('reports a network failure', () => {
    const error = errorFromException(new TypeError('Failed to fetch'));
    expect(error.code).toBe('network');
    expect(error.message).toContain('网络');
  });

  it('tells a timeout from a cancelled request', () => {
    const abort = Object.assign(new Error('aborted'), { name: 'AbortError' });
    expect(errorFromException(abort, true).code).toBe('timeout');
    expect(errorFromException(abort).code).toBe('aborted');
  });

  it('passes an ApiError through', () => {
    const original = new ApiError('bad_param', '参数错误', 400);
    expect(errorFromException(original)).toBe(original);
  });
});

describe('apiUrl', () => {
  it('leaves out empty parameters and encodes Chinese text', () => {
    expect(apiUrl('/campaigns/1/candidates', { group: '', district: '150303', q: '新桥社区', page: 2 })).toBe(
      '/api/v1/campaigns/1/candidates?district=150303&q=%E6%96%B0%E6%A1%A5%E7%A4%BE%E5%8C%BA&page=2',
    );
    expect(apiUrl('/campaigns')).toBe('/api/v1/campaigns');
  });
});
