import { columnOf, runSample, summary } from '../sample-run';

describe('sample: scheduled tasks on doctored-1k', () => {
  it('walks svchost -> scheduler -> taskeng -> the task it launched', async () => {
    const r = await runSample(__dirname);
    expect(summary(r)).toEqual({
      svchost: [5, 704],
      scheduler: [1, 106],
      taskeng: [1, 2],
      tasks: [1, 1],
      nt: [0, 0],
      binaries: [1, 1],
    });
    expect(columnOf(r, 'tasks', 'name')).toEqual(['GoogleUpdate.exe']);
    expect(columnOf(r, 'tasks', 'pid')).toEqual([13044]);
    expect(columnOf(r, 'tasks', 'parent_ref.name')).toEqual(['taskeng.exe']);
    expect(columnOf(r, 'binaries', 'parent_directory_ref.path')).toEqual(['C:\\Program Files (x86)\\Google\\Update']);
    expect(columnOf(r, 'binaries', 'hashes.MD5')).toEqual(['82f657b0aee67a6a560321cf0927f9f7']);
  });
});
