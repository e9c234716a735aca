// The policy documents as a printable PDF (pdfkit), with DejaVu Sans embedded from the
// `dejavu-fonts-ttf` package: Cyrillic and the Polish and Romanian diacritics render on any
// machine, with no system font involved.
import { createRequire } from 'node:module';
import type { PolicyDocument } from './policy.service.ts';

const require = createRequire(import.meta.url);
const FONTS = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
};

const QUOTES: Record<PolicyDocument['language'], [string, string]> = {
  en: ['“', '”'],
  ru: ['«', '»'],
  pl: ['„', '”'],
  ro: ['„', '”'],
};

export async function renderPolicyPdf(document: PolicyDocument): Promise<Buffer> {
  // pdfkit and its font engine load with the first PDF asked for, not in every server process.
  const { default: PDFDocument } = await import('pdfkit');
  const pdf = new PDFDocument({
    size: 'A4',
    margin: 56,
    lang: document.language,
    info: { Title: `${document.title} — ${document.company}`, Author: document.company, Creator: 'Heard' },
  });
  pdf.registerFont('regular', FONTS.regular);
  pdf.registerFont('bold', FONTS.bold);
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  const left = pdf.page.margins.left;
  const width = pdf.page.width - left - pdf.page.margins.right;
  /** A block of text `offset` points in from the margin, every line of it. */
  const write = (text: string, font: 'regular' | 'bold', offset = 0) =>
    pdf.font(font).text(text, left + offset, pdf.y, { width: width - offset });

  pdf.fontSize(20);
  write(document.title, 'bold');
  pdf.fontSize(12).fillColor('#57606a');
  write(document.company, 'regular');
  pdf.fillColor('black').moveDown().fontSize(10.5);
  write(document.intro, 'regular');
  for (const section of document.sections) {
    pdf.moveDown().fontSize(14);
    write(section.title, 'bold');
    pdf.moveDown(0.3).fontSize(10.5);
    for (const paragraph of section.paragraphs) {
      write(paragraph, 'regular');
      pdf.moveDown(0.3);
    }
    const [open, close] = QUOTES[document.language];
    section.items.forEach((item, index) => {
      if (item.term) {
        write(section.labels ? `${section.labels.term}: ${open}${item.term}${close}` : item.term, 'bold', 10);
        if (item.text)
          write(section.labels ? `${section.labels.text}: ${open}${item.text}${close}` : item.text, 'regular', 22);
      } else {
        write(`${section.ordered ? `${index + 1}.` : '•'} ${item.text}`, 'regular', 10);
      }
      pdf.moveDown(0.25);
    });
  }
  pdf.moveDown(2).fontSize(8.5).fillColor('#57606a');
  write(document.footer, 'regular');
  pdf.end();
  return done;
}
