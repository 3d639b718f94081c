// The subset of @11ty/eleventy-img 6 that bantin calls (the package ships no type declarations).
declare module "@11ty/eleventy-img" {
  export interface ImageStat {
    format: string;
    width: number;
    height: number;
    url: string;
    sourceType: string;
    filename: string;
    outputPath: string;
    size: number;
  }
  export interface ImageOptions {
    widths?: (number | "auto" | null)[];
    formats?: string[];
    outputDir?: string;
    urlPath?: string;
    sharpWebpOptions?: Record<string, unknown>;
    sharpJpegOptions?: Record<string, unknown>;
    sharpAvifOptions?: Record<string, unknown>;
    hashLength?: number;
    fixOrientation?: boolean;
  }
  function Image(src: string, options?: ImageOptions): Promise<Record<string, ImageStat[]>>;
  export default Image;
}
