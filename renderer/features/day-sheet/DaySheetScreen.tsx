/** The clinic's day sheet (being built). */
export function DaySheetScreen({ date }: { date: string }) {
  return <section className="screen"><h1>Day sheet</h1><p>{date || 'Today'}</p></section>;
}
