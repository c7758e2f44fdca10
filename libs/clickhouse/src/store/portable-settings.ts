/**
 * Settings that exist and mean the same on ClickHouse 18.16, current servers and chDB, sent by
 * both adapters so they answer alike: anything else must not be sent, because an unknown setting
 * fails the whole request on 18.16. The engines' defaults differ on all three (chDB quotes no
 * 64-bit integers, parses ISO times and skips unknown fields by default; 18.16 does the opposite).
 */
export const PORTABLE_SETTINGS = {
  date_time_input_format: 'best_effort',
  input_format_skip_unknown_fields: 1,
  output_format_json_quote_64bit_integers: 0,
} as const;
