import { describe, expect, it } from 'vitest';
import { adminUrl, filenameFromDisposition, parseAdminError } from './http';

describe('parseAdminError', () => {
  it('keeps the code, message and details of a 422', () => {
    const e = parseAdminError(
      422,
      JSON.stringify({
        code: 'invalid',
        message: '名单有误',
        details: [{ line: 3, field: '性别', message: '应为 男 或 女' }, { field: 'reason', message: '请填写' }, { bad: 1 }],
      }),
    );
    expect(e.code).toBe('invalid');
    expect(e.status).toBe(422);
    expect(e.message).toBe('名单有误');
    expect(e.details).toEqual([
      { line: 3, field: '性别', message: '应为 男 或 女' },
      { field: 'reason', message: '请填写' },
      { message: '' },
    ]);
  });

  it('reads retry_after from the body or the Retry-After header', () => {
    expect(parseAdminError(429, '{"code":"too_many_attempts","message":"稍后","retry_after":42.2}').retryAfter).toBe(43);
    expect(parseAdminError(429, '{"code":"too_many_attempts"}', '30').retryAfter).toBe(30);
    expect(parseAdminError(401, '{"code":"bad_credentials"}').retryAfter).toBeNull();
  });

  it('says something useful when the body is not JSON', () => {
    expect(parseAdminError(403, '<html>').message).toBe('您没有权限执行此操作');
    expect(parseAdminError(404, '').message).toBe('记录不存在，或不在您的管理范围内');
    expect(parseAdminError(403, '{"code":"csrf"}').message).toBe('页面已过期，请刷新后重试');
    expect(parseAdminError(502, '').code).toBe('http_502');
  });
});

describe('adminUrl', () => {
  it('leaves out empty parameters', () => {
    expect(adminUrl('/admin/audit', { actor: '', action: 'candidate.update', page: 1, to: null, from: undefined })).toBe(
      '/api/v1/admin/audit?action=candidate.update&page=1',
    );
  });
});

describe('filenameFromDisposition', () => {
  it('prefers the UTF-8 name', () => {
    expect(
      filenameFromDisposition(`attachment; filename="roster.xlsx"; filename*=UTF-8''${encodeURIComponent('参评书记名单.xlsx')}`, 'x.xlsx'),
    ).toBe('参评书记名单.xlsx');
  });

  it('reads a plain or quoted name, else the fallback', () => {
    expect(filenameFromDisposition('attachment; filename="audit log.xlsx"', 'x')).toBe('audit log.xlsx');
    expect(filenameFromDisposition('attachment; filename=a.xlsx', 'x')).toBe('a.xlsx');
    expect(filenameFromDisposition('attachment', '审计日志.xlsx')).toBe('审计日志.xlsx');
    expect(filenameFromDisposition(null, 'f.xlsx')).toBe('f.xlsx');
  });
});
