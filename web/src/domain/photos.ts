// The photos of an approved showcase on a phone: how wide each cell of the grid is, for the
// browser to pick the right size from the srcset (480, 960, 1920 px) before laying the page out.

export interface PhotoGrid {
  columns: number;
  /** The page's widest (CSS px, #app's max-width). */
  pageMax: number;
  /** Everything across the page that is not photo: margins, paddings, gaps (px). */
  inset: number;
}

/** The grid under the video: two columns in a card, in a section (16 + 12 px each side, 10 px gap). */
export const SHOWCASE_GRID: PhotoGrid = { columns: 2, pageMax: 640, inset: 2 * 16 + 2 * 12 + 10 };

/** The `sizes` of a cell: "(min-width: 640px) 287px, calc((100vw - 66px) / 2)". */
export function photoSizes({ columns, pageMax, inset }: PhotoGrid): string {
  const widest = Math.floor((pageMax - inset) / columns);
  const fluid = columns === 1 ? `calc(100vw - ${inset}px)` : `calc((100vw - ${inset}px) / ${columns})`;
  return `(min-width: ${pageMax}px) ${widest}px, ${fluid}`;
}
