import { IsOptional, IsString } from 'class-validator';

/** Where the administrative units come from; both unset: the compiled-in default list. */
export class HierarchyEnv {
  /** Path of a units CSV (`code,name,level,parent_code,valid_from,valid_to`). */
  @IsOptional()
  @IsString()
  COC_UNITS_CSV?: string;

  /** Path of an old-to-new mappings CSV (`old_code,new_code,valid_from`); only with COC_UNITS_CSV. */
  @IsOptional()
  @IsString()
  COC_UNIT_MAPPINGS_CSV?: string;
}
