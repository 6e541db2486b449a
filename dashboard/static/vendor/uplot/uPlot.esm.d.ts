// The part of uPlot's API that OneChat's reports call (the package's full
// declarations are dist/uPlot.d.ts).
export type AlignedData = [number[], ...(number | null)[][]];

export interface Options {
  width: number;
  height: number;
  title?: string;
  series: Record<string, unknown>[];
  axes?: Record<string, unknown>[];
  scales?: Record<string, unknown>;
  legend?: Record<string, unknown>;
  cursor?: Record<string, unknown>;
  [key: string]: unknown;
}

export default class uPlot {
  constructor(opts: Options, data: AlignedData, target: HTMLElement);
  setData(data: AlignedData): void;
  setSize(size: { width: number; height: number }): void;
  destroy(): void;
}
