import { describe, expect, it } from 'vitest';
import './english';
import type { Request } from '../../../lib/contract';
import { continueFromFile } from '../../../lib/ui/continue-file';
import { buildOtherEpub } from '../../fixtures/other-epub';
import { makeTask } from './fixtures';

const chapters = [
  { title: 'Chapter 1', paragraphs: ['One.'] },
  { title: 'Chapter 2', paragraphs: ['Two.'] },
];

describe('continueFromFile', () => {
  it('stages what the file holds and asks the worker to continue the book it names', async () => {
    const file = await buildOtherEpub({
      title: 'A Book',
      urlIn: 'source',
      url: 'https://novels.example/b/1/',
      chapters,
    });
    const sent: Request[] = [];
    const staged: unknown[] = [];
    const said = await continueFromFile(file, 'a.epub', {
      stage: async (held) => {
        staged.push(...held);
        return 'import-1';
      },
      call: (async (request: Request) => {
        sent.push(request);
        return { task: makeTask({ title: 'A Book' }), held: 2 };
      }) as never,
    });
    expect(staged).toEqual([
      { title: 'Chapter 1', text: 'One.' },
      { title: 'Chapter 2', text: 'Two.' },
    ]);
    expect(sent).toEqual([
      {
        type: 'library.continue',
        importId: 'import-1',
        fileName: 'a.epub',
        url: 'https://novels.example/b/1/',
        chapters: 2,
        format: 'epub',
      },
    ]);
    expect(said).toBe('«A Book»: 2 chapters are in the file; the rest are downloading.');
  });

  it('says why a file cannot be continued, before anything is staged or sent', async () => {
    const file = await buildOtherEpub({ title: 'Nowhere', urlIn: 'none', url: '', chapters });
    const deps = { stage: async () => 'never', call: (async () => ({})) as never };
    await expect(continueFromFile(file, 'n.epub', deps)).rejects.toMatchObject({
      code: 'invalid_file',
      message: expect.stringMatching(/^"n\.epub" cannot be continued: it does not say which web page/),
    });
  });
});
