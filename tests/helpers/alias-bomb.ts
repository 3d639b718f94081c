/**
 * The front matter lines of a YAML alias bomb (issue 8): anchors nested 8 deep, each list holding
 * nine aliases of the one before, about 500 bytes that expand to 9^9 values when walked.
 */
export function makeAliasBombRows(): string[] {
  const rows = ["title: A", "x0: &x0 [a,a,a,a,a,a,a,a,a]"];
  for (let i = 1; i <= 8; i++)
    rows.push(
      `x${i}: &x${i} [${Array(9)
        .fill(`*x${i - 1}`)
        .join(",")}]`,
    );
  return rows;
}
