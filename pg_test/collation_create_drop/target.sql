CREATE COLLATION numeric (provider = icu, locale = 'en-u-kn-true');
CREATE COLLATION "Case Insensitive" (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE TABLE t (a text, b text COLLATE numeric, c text COLLATE numeric, d text COLLATE "Case Insensitive");
