// NHS numbers: ten digits, the last a modulus-11 check digit over the first nine
// (weights 10..2); a remainder giving 10 means the number is not valid.

export function nhsCheckDigit(firstNine: string): number | undefined {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return undefined;
  return check;
}

export function isValidNhsNumber(value: string): boolean {
  if (!/^\d{10}$/.test(value)) return false;
  return nhsCheckDigit(value.slice(0, 9)) === Number(value[9]);
}

/** A valid NHS number from a source of random integers (seeded by the caller). */
export function randomNhsNumber(randomInt: (max: number) => number): string {
  for (;;) {
    // 999 prefix: the range reserved for test data, never a real patient.
    const nine = '999' + String(randomInt(1_000_000)).padStart(6, '0');
    const check = nhsCheckDigit(nine);
    if (check !== undefined) return nine + String(check);
  }
}
