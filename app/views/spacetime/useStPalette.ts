/** The sequence diagram draws with the graph's palette: the same theme colours and message-type colours. */
export { typeColour, usePalette as useStPalette, type Palette as StPalette } from '../graph/usePalette';
