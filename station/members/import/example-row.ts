/**
 * The example row of the downloadable template (station/members/template.ts). A filled-in
 * template whose example row was left in place must not add 张三 to the roster, so the importer
 * skips a row that still carries the example's name, birth date and card code.
 */
export const TEMPLATE_EXAMPLE = {
  name: '张三',
  gender: '男',
  birthDate: '1970-05-12',
  joinedOn: '1996-07-01',
  status: '正式党员',
  roleTitle: '组织委员',
  phone: '13800000000',
  isMobile: '否',
  worksIn: '',
  cardCode: '示例-0001',
} as const;
