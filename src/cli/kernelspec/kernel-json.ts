/** kernel.json: how Jupyter starts the kernel (this Node and this kestrel) and what it calls it. */
export function kernelJson(node: string, bin: string): Record<string, unknown> {
  return {
    argv: [node, bin, 'kernel', 'run', '-f', '{connection_file}'],
    display_name: 'Kestrel (kestrel-ts)',
    language: 'kestrel',
    interrupt_mode: 'message',
    metadata: { debugger: false },
  };
}
