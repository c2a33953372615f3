// source.test reads as a download does, limits included: the sampled chapters' cuts are in its
// warnings, and a rule's live test case, read without a URL, is the book whose site bounds where
// the reading may lead.
import { describe, expect, it } from 'vitest';
import { HOSTILE_RULE } from '../../fixtures/site';
import { startService, useDemoSite } from '../engine/service-harness';

const site = useDemoSite();

describe('source.test under the limits of a download', () => {
  it("reports the cut of a sampled chapter, not only the first chapter's", async () => {
    const service = await startService();
    const report = await service.call({
      type: 'source.test',
      url: `${site.origin}/hostile/endless-chapter/`,
      rule: HOSTILE_RULE,
      samples: 3,
    });
    // The first chapter is one page: only chapter 2, a sample, runs past the limit.
    expect(report.firstChapter.title).toBe('第1章');
    expect(report.samples?.map((sample) => sample.index)).toEqual([1, 2, 3]);
    expect(report.warnings).toEqual([
      {
        code: 'chapter_pages_cut',
        count: 1,
        message: `The chapter «第2章» ${site.origin}/hostile/endless-chapter/2.html goes on past 50 pages; only its first 50 are in the book.`,
      },
    ]);
  });

  it("takes the book's site from the live test case it reads when no URL is given", async () => {
    const service = await startService();
    const bookUrl = `${site.origin}/hostile/offsite-link/`;
    const rule = {
      ...HOSTILE_RULE,
      tests: [
        {
          url: bookUrl,
          expect: { title: '外链之书', chapters: 3, firstChapter: '第1章', contentIncludes: '第1章第1页的第一段。' },
        },
      ],
    };
    const report = await service.call({ type: 'source.test', rule, samples: 3 });
    expect(report.check).toEqual({ url: bookUrl, problems: [] });
    const offSite = report.samples?.find((sample) => sample.index === 2);
    expect(offSite && 'error' in offSite ? offSite.error : undefined).toMatchObject({
      code: 'off_site',
      message: expect.stringMatching(
        /^http:\/\/localhost:\d+\/book\/1\/1\.html is on another site than the book \(127\.0\.0\.1\)/,
      ),
    });
    expect(site.hits('/book/1/1.html')).toBe(0);
  });
});
