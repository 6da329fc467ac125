/** POS checkout (being built). */
export function CheckoutScreen({ invoiceId }: { invoiceId: string }) {
  return <section className="screen"><h1>Checkout</h1><p>{invoiceId}</p></section>;
}
